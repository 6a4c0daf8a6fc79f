nest.Connect(multimeter, neuron)
nest.Connect(neuron, spikedetector)

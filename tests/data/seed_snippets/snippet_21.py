weight = 20.0
delay = 1.0
nest.Connect(neuron1, neuron2, weight, delay)

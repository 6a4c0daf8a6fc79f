nest.GetStatus(neuron)

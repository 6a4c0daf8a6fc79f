nest.SetStatus(neuron, {"I_e": 376})

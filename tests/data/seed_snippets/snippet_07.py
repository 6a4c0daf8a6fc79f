nest.SetStatus(neuron, {"I_e": 376.0})

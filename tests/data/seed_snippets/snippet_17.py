nest.SetStatus(neuron, {"I_e": 0.0})

nest.Connect(pop1, pop2, syn_spec = {"weight":20.0})

nest.Connect(pop1, pop2, "all_to_all", {"weight":20.0})

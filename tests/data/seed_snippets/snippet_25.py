nest.Connect(multimeter, pop2)

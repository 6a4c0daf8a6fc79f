nest.Simulate(1000.0)

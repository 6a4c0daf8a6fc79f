spikedetector = nest.Create("spike_detector",
                params={"withgid": True, "withtime": True})

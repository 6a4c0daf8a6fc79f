import pylab
pylab.figure(1)
pylab.plot(ts, Vms)

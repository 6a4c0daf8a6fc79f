import pylab
import nest
neuron = nest.Create("iaf_neuron")

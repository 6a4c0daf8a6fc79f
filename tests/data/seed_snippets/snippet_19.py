# Fixed: the seed's last line lacks the closing parenthesis of SetStatus; added.
import pylab
import nest
neuron1 = nest.Create("iaf_neuron")
nest.SetStatus(neuron1, {"I_e": 376.0})
neuron2 = nest.Create("iaf_neuron")
multimeter = nest.Create("multimeter")
nest.SetStatus(multimeter, {"withtime":True, "record_from":["V_m"]})

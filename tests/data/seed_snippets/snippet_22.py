# Fixed: the seed's last line lacks the closing parenthesis of SetStatus; added.
import pylab
import nest
pop1 = nest.Create("iaf_neuron",10)
nest.SetStatus(pop1, {"I_e": 376.0})
pop2 = nest.Create("iaf_neuron",10)
multimeter = nest.Create("multimeter",10)
nest.SetStatus(multimeter, {"withtime":True, "record_from":["V_m"]})

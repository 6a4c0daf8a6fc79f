# Fixed: the seed shows IPython's help syntax `nest.Models?`, which plain Python cannot parse;
# help() prints the same docstring.
help(nest.Models)

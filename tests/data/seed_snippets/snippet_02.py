dir(nest)

import nest

needs locale catalogs, #16 engine: make prints its fr messages translated (make: ***  Aucune règle pour fabriquer la cible « main.o », néce), and heal-detect knows only the C templates

needs locale catalogs, #16 engine: recipe prints its fr messages translated (make: *** [Makefile:3 : all] Erreur 1), and heal-detect knows only the C templates

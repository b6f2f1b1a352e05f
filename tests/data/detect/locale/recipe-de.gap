needs locale catalogs, #16 engine: recipe prints its de messages translated (make: *** [Makefile:3: all] Fehler 1), and heal-detect knows only the C templates

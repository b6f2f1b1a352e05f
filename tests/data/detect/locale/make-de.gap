needs locale catalogs, #16 engine: make prints its de messages translated (make: *** Keine Regel vorhanden, um das Ziel „main.o“, ), and heal-detect knows only the C templates

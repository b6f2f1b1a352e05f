needs locale catalogs, #16 engine: gcc prints its de messages translated (main.c: In Funktion »main«:), and heal-detect knows only the C templates

needs locale catalogs, #16 engine: gcc prints its fr messages translated (main.c: Dans la fonction « main »:), and heal-detect knows only the C templates

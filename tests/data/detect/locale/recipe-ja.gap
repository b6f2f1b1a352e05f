needs locale catalogs, #16 engine: recipe prints its ja messages translated (make: *** [Makefile:3: all] エラー 1), and heal-detect knows only the C templates

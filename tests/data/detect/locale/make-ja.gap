needs locale catalogs, #16 engine: make prints its ja messages translated (make: *** 'app' に必要なターゲット 'main.o' を make する�), and heal-detect knows only the C templates

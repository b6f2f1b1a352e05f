needs locale catalogs, #16 engine: gcc prints its ja messages translated (main.c: 関数 ‘main’ 内:), and heal-detect knows only the C templates

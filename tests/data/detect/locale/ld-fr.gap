needs locale catalogs, #16 engine: ld prints its fr messages translated (/usr/bin/ld : /tmp/ccWUwdQA.o : dans la fonction « main » :), and heal-detect knows only the C templates

needs locale catalogs, #16 engine: bash-cnf prints its ja messages translated (deploy.sh: 行 3: nosuchcommand-heal: コマンドが見つかりま�), and heal-detect knows only the C templates

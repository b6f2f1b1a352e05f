needs locale catalogs, #16 engine: bash-cnf prints its fr messages translated (deploy.sh: ligne 3: nosuchcommand-heal : commande introuvable), and heal-detect knows only the C templates

needs locale catalogs, #16 engine: bash prints its de messages translated (deploy.sh: Zeile 3: nosuchcommand-heal: Kommando nicht gefunden.), and heal-detect knows only the C templates

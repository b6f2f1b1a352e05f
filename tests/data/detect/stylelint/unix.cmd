# needs: stylelint
stylelint -f unix "*.css"

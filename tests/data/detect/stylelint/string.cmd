# needs: stylelint
stylelint "*.css"

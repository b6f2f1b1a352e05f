# needs: stylelint
stylelint syntax.css

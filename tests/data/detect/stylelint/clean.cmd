# needs: stylelint
stylelint ok.css

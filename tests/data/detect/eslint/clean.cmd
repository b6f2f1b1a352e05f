# needs: eslint
eslint ok.js

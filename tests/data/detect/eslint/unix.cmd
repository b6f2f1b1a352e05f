# needs: eslint
eslint -f unix app.js broken.js

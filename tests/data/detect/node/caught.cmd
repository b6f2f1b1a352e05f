# needs: node
node parse.js

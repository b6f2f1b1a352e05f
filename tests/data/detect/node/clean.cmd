# needs: node
node check.js

# needs: node
node total.js

# needs: node
node load.js

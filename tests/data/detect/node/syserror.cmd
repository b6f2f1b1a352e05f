# needs: node
node tasks.js

# needs: node
node index.js

# needs: node
node config.js

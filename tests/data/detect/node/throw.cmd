# needs: node
node deploy.js

# needs: node
node server.mjs

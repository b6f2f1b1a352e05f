# needs: node
node main.mjs

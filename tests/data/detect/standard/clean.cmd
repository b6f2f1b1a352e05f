# needs: standard
standard ok.js

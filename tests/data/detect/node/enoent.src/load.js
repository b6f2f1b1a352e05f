const fs = require('fs');
const data = fs.readFileSync('settings.json', 'utf8');
console.log(data);

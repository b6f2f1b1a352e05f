console.log('Error: none (all 3 checks passed)');
console.log('TypeError: 0 of 12');
console.log('done');

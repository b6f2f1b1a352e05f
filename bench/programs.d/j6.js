const n = Math.max(1, 2;
console.log(n);

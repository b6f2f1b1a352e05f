function f(x) {
  return x * 2
console.log(f(2));

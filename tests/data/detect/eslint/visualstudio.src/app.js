const fs = require("fs")
function add(a, b) {
  if (a == b) return a
  return a + c;
}

let x = 5
if (x > 3 {
  console.log(x);
}

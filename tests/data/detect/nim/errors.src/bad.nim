proc f(x: int): int =
  let y = 2
  return x +

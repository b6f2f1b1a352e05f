BEGIN {
  n = 0
  if (n > 0 {
    print n
  }
}

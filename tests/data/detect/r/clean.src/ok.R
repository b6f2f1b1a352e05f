v <- c(1, 4, 9)
print(sqrt(v))

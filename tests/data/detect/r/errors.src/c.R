f <- function(x) {
  x + 
}
print("unterminated)

sq <- function(v) sqrt(v)
result <- sq_root(4)

g <- function(n) stop("n must be positive: ", n)
g(-1)

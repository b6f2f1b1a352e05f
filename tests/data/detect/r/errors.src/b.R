library(nosuchpkg)

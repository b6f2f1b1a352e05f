program main
  implicit none
  real :: cell_frac_x, cell_frac_y
  cell_frac_x = 0.5
  cell_frac_y = 0.25
#include "gxfac.inc"
  print *, cell_frac_x
end program main

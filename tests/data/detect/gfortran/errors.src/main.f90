program main
  use geometry
  implicit none
  real :: a(3)
  a = 1.0
  print *, a
end program main

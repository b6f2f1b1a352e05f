program warn
  implicit none
  integer :: i, unused
  real :: r
  r = 2.5
  i = r
  print *, i
end program warn

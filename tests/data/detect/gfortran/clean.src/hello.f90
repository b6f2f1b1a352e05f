program hello
  implicit none
  print *, "hello"
end program hello

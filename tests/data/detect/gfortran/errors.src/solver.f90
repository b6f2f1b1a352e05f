module solver
  implicit none
contains
  subroutine step(x, n)
    integer, intent(in) :: n
    real, intent(inout) :: x(n)
    integer :: i, unused
    do i = 1, n
      x(i) = x(i) * factr
    end do
  end subroutine step

  function total(x) result(s)
    real, intent(in) :: x(:)
    real :: s
    s = sum(x
  end function total
end module solver

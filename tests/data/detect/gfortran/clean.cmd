# needs: gfortran
gfortran -Wall -c hello.f90 -o hello.o

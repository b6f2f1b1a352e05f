# needs: gfortran
gfortran -Wall -c solver.f90 -o solver.o; gfortran -Wall -c main.f90 -o main.o

# needs: gfortran
gfortran -c main.F90 -o main.o

# needs: gfortran
gfortran -Wall -Wconversion -c warn.f90 -o warn.o

# needs: cython3
cython3 -3 ok.pyx

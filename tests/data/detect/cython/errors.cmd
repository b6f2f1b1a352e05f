# needs: cython3
cython3 -3 -Wextra geom.pyx

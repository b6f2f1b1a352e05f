# needs: fpc
fpc unit1.pas

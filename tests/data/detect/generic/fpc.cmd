# needs: fpc
fpc -FU. hello.pas

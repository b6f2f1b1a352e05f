# needs: fpc
fpc hello.pas

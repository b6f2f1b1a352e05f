# needs: fpc
fpc ok.pas

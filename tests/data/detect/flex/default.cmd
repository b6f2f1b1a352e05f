# needs: flex
flex -o scan.c scan.l

# needs: as
as -o /dev/null ok.s

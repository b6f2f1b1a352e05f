# needs: as
as -o /dev/null start.s

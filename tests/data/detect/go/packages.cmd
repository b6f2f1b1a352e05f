# needs: go
go build .

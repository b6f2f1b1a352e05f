# needs: go
go run .

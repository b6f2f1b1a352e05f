# needs: go
# one package at a time: go build ./... builds them in parallel, in no fixed order
go build ./util; go build .

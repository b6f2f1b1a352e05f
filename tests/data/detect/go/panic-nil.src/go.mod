module example.com/nilmap

go 1.19

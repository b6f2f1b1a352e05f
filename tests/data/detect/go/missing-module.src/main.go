package main

import "github.com/nosuch/heal-dep"

func main() { dep.Run() }

package main

import (
	"fmt"
	"sync"
)

type T struct{ mu sync.Mutex }

func byValue(t T) {}

func main() {
	var t T
	byValue(t)
	fmt.Printf("%d\n", "str")
	x := 1
	x = x
	fmt.Println(x)
}

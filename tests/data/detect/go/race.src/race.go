package main

import (
	"fmt"
	"time"
)

func main() {
	count := 0
	go func() {
		count++
	}()
	count++
	time.Sleep(100 * time.Millisecond)
	fmt.Println(count)
}

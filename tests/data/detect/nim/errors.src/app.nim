import strutils

proc greet(name: string): string =
  result = "Hello, " & name

let count = 3
var unused = 1
echo greet($count)
echo undefinedProc()

proc greet(name: string): string =
  result = "Hello, " & name

echo greet("nim")

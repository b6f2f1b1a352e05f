local name = "world"

print("hello " .. name)
greet(name)

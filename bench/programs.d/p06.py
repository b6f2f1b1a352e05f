name = "bob"
print("hello, " + nme)

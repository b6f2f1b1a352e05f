import math
x = int(input() or "4")
if x > 3
    print(math.sqrt(x))

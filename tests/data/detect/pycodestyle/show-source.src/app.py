import os, sys
import json


def add(a,b):
    return a+b
def unused():
    x = 1
    return undefined_name
class thing:
    pass
very_long_line = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
if add(1, 2) == None :
    print(json.dumps({}))	

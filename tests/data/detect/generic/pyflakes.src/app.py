import os
import sys


def total(items):
    count = 0
    for item in items:
        result = item * 2
    return sum(items) + undefined_name

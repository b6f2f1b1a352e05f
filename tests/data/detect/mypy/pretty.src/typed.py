from typing import List


def total(xs: List[int]) -> int:
    return sum(xs)


def name(n: int) -> str:
    return n


total(["a", "b"])
count: int = "three"
undefined_call()
reveal_type(total)


class Box:
    size: int = 0


Box().weight
import yaml_not_here

"""A clean module."""


def add(left, right):
    """Return the sum."""
    return left + right

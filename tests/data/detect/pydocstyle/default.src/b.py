"""mod."""


def f():
    """no period"""
    return 1

import missing_mod


def f(x):
    return x.nope

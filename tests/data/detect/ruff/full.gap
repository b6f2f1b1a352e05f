ruff full layout: a violation without a fix ([*]) has no literal on its first line (F821 Undefined name), and its location is on the second; the engine cannot find it

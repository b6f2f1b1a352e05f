# needs: pkg-config
# two packages it lacks: one head, a row each (the second its own record)
pkg-config --cflags nosuch-foo nosuch-bar

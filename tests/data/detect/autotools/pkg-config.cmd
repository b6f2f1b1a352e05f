# needs: pkg-config
pkg-config --cflags nosuch-foo

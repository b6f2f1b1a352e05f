# needs: meson ninja cc
meson setup build

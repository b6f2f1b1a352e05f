# needs: meson ninja cc
meson setup build && ninja -C build

# needs: ninja
ninja -C build

# needs: cmake ninja cc
cmake -S . -B build -G Ninja >/dev/null && ninja -C build -k 0

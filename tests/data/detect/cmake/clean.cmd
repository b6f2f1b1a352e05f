# needs: cmake make cc
cmake -S . -B build && cmake --build build

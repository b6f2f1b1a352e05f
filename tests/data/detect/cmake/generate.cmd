# needs: cmake
cmake -S . -B build

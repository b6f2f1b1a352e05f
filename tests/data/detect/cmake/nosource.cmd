# needs: cmake
cmake -S nothere -B build

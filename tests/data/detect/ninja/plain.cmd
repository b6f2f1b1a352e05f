# needs: ninja cc
ninja

# needs: ninja
ninja

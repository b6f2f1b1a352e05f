# needs: ninja
ninja no_such_target

# needs: verilator
verilator --lint-only top.v

# needs: verilator
verilator --lint-only -Wall counter.v

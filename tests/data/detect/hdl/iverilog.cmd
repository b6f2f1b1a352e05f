# needs: iverilog
iverilog -o top.vvp top.v

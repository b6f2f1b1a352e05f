module top(input clk, output reg [3:0] q);
  wire [7:0] wide;
  assign wide = 8'hff;
  always @(posedge clk) begin
    q <= wide;
    undeclared_sig <= 1'b1;
  end
  foo u0 (.a(clk));
endmodule

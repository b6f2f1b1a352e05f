module counter(input clk, input rst, output reg [3:0] q);
  wire [7:0] wide;
  reg unused_reg;
  assign wide = 8'hff;
  always @(posedge clk) begin
    if (rst) q <= 0;
    else q <= wide;
  end
endmodule

program hello;
var y: integer;
begin
  writeln(x);
end.

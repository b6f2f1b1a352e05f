program Ok;
var
  n: integer;
begin
  n := 2;
  writeln('n = ', n);
end.

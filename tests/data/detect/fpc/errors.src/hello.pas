program Hello;
var
  x: integer;
  s: string;
begin
  x := 'abc';
  writeln(y);
  s := 5
  writeln(s);
end.

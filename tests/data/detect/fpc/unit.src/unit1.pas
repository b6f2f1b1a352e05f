unit unit1;
interface
procedure Foo;
implementation
uses missingunit;
procedure Foo;
var a: integer;
begin
end;
end.

interface User { name: string; age: number }
const u: User = { name: "a" };
let n: number = "x";
function f(a: string): number {
  return a.lenght;
}
import { nope } from "./missing";
console.log(u, n, f, nope, undefinedThing);
interface Point { x: number; y: number }
const p: { pos: Point } = { pos: { x: 1, y: "2" } };
function g(cb: (a: number) => string) { return cb(1); }
g((a: string) => a);
export {};

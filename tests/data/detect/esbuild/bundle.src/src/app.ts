import { helper } from "./missing";
import "left-pad-nope";

export function main(x: number) {
  if (x === -0) return helper(x);
  return typeof x == "nubmer";
}

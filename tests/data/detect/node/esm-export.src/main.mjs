import { present } from "./lib.mjs";
import { notfound } from "./lib.mjs";
console.log(present, notfound);

const a = [1, 2];
a.forEeach(x => console.log(x));
consol.log(a.length);

const x = 5;
consol.log(x);

%token NUM
%%
input: %empty | input line;
line: '\n' | exp '\n';
exp: NUM | exp '+' NUM | expr '-' NUM;
%%

%token A
%token UNUSED
%%
s: A B ;
t: A | A ;
%%

%token A
%%
s: A ;
%%

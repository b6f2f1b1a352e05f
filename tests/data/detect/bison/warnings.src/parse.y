%token A
%%
s: t | u ;
t: A ;
u: A ;
lonely_rule: A ;
%%

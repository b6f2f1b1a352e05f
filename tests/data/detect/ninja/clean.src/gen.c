int gen(void){return 0;}

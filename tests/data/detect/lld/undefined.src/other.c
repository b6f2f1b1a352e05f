int helper(int x);
int other(void) { return helper(1); }

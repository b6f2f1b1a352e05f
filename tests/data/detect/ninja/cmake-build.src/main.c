#include <stdio.h>
int helper(int);
int main(void)
{
    printf("%d\n", helper(2));
    return missing_var;
}

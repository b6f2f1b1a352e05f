int helper(int);
extern int counter;
int main(void)
{
    counter++;
    return helper(2);
}

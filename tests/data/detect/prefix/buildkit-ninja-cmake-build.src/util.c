int helper(int x)
{
    int unused;
    return x * 2
}

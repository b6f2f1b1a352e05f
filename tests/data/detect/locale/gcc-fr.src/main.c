int main(void)
{
    int unused = 1;
    return count + 1
}

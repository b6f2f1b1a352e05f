namespace ns { int f(const char *); }
int main() { return ns::f("x"); }

package demo;

public class Bad {
    void f() {
        int x = 1
    }

package com.acme;

public class App {
    public static void main(String[] args) {
        String name = System.getenv("HEAL_NO_SUCH_VARIABLE");
        System.out.println(name.length());
    }
}

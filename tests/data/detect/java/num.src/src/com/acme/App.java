package com.acme;

public class App {
    static int port(String s) {
        return Integer.parseInt(s);
    }

    public static void main(String[] args) {
        System.out.println(port("80a"));
    }
}

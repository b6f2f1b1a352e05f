package com.acme;

import java.io.FileInputStream;
import java.io.IOException;

public class App {
    static void load() {
        try {
            new FileInputStream("config.yml").close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot load configuration", e);
        }
    }

    public static void main(String[] args) {
        load();
    }
}

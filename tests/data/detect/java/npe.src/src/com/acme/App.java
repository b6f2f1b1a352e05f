package com.acme;

import java.io.FileInputStream;
import java.io.IOException;

public class App {
    static int port(String s) {
        return Integer.parseInt(s);
    }

    static void load() {
        try {
            new FileInputStream("config.yml").close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot load configuration", e);
        }
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("npe")) {
            String name = null;
            System.out.println(name.length());
        } else if (args.length > 0 && args[0].equals("num")) {
            port("80a");
        } else {
            load();
        }
    }
}

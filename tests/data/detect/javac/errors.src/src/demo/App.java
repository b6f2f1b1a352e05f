package demo;

import java.util.List;
import java.util.Missing;

public class App {
    public static void main(String[] args) {
        int x = "text";
        List<String> names = new java.util.ArrayList<>();
        names.add(42);
        System.out.println(undefinedName);
        helper();
    }
}

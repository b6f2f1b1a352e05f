package demo;

import java.util.ArrayList;
import java.util.List;

public class Old {
    @SuppressWarnings("removal")
    static Integer box() { return Integer.valueOf(1); }

    @Deprecated
    static void legacy() {}

    public static void main(String[] args) {
        List raw = new ArrayList();
        raw.add("x");
        legacy();
        Thread.currentThread().stop();
    }
}

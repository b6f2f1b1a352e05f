package demo;

public class Ok {
    public static void main(String[] args) {
        System.out.println("ok");
    }
}

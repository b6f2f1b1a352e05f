public class Hello {
    public static void main(String[] args) {
        System.out.println("Exception handling: 0 errors");
        System.out.println("java.lang.Error: none");
    }
}

# needs: javac java
javac -d out src/main/java/com/acme/App.java && java -cp out com.acme.App

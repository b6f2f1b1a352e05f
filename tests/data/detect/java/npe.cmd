# needs: javac java
javac -d out src/com/acme/App.java && java -cp out com.acme.App

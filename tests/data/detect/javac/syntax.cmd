# needs: javac
javac -d out src/demo/Bad.java

# needs: javac
javac -d out src/demo/App.java

# needs: javac
javac -Xlint:all -d out src/demo/Ok.java

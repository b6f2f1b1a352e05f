# needs: javac java
javac -d out Hello.java && java -cp out Hello

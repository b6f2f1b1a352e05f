# needs: javac
javac -Xlint:all -Werror -d out src/demo/Old.java

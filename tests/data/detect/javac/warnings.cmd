# needs: javac
# (the -J options make the short-lived JVM cheaper; the output is the same)
javac -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC -Xlint:all -Werror -d out src/demo/Old.java

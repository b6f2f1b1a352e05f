# needs: gradle
gradle --offline --no-daemon -q -g "$PWD/.gradle-home" compileJava

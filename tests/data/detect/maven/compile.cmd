# needs: mvn
mvn -B -q -o -Dmaven.repo.local=/usr/share/maven-repo compile

# needs: mvn
mvn -B -o -Dmaven.repo.local=/usr/share/maven-repo compile

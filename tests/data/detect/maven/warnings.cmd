# needs: mvn /usr/share/maven-repo/org/apache/maven/plugins/maven-resources-plugin/3.3.0 /usr/share/maven-repo/org/apache/maven/plugins/maven-compiler-plugin/3.10.1
mvn -B -o -Dmaven.repo.local=/usr/share/maven-repo compile

# needs: cppcheck
cppcheck --quiet --template='[{file}:{line}]: ({severity}) {message}' buf.c

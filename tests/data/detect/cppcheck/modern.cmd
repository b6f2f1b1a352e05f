# needs: cppcheck
cppcheck --quiet --enable=warning,style,performance,portability ring.c table.cpp

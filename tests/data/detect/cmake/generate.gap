fields: message
CMake's message is 'Cannot find source file:' and, after a blank line, the indented name; the engine keeps only the first line

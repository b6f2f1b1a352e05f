fields: message
CMake wraps its message at 80 columns in the indented body; the engine keeps only the first line

# needs: mypy
# a module error with no line: "dir/a.py: error: Duplicate module named ..."
mypy --no-incremental --cache-dir=/dev/null dir

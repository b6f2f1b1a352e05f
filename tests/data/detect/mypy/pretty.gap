fields: message code
mypy --pretty wraps a long message over the next line, and its [code] with it; the engine keeps only the first line of a message

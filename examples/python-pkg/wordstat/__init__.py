"""wordstat: count the words of a text file."""

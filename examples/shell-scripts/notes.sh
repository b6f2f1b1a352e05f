#!/bin/bash
# Count the lines of the release notes.
notes=NOTES.txt
if [ -f "$notes" ]
	echo "notes: $(wc -l <"$notes") lines"
else
	echo "notes: missing" >&2
	exit 1
fi

#!/bin/bash
# Check that the release notes exist, then count their lines.
set -eu
cd "$(dirname "$0")"
notes=NOTES.txt
if [ -f "$notes" ]
	echo "notes: $(wc -l <"$notes") lines"
else
	echo "notes: missing" >&2
	exit 1
fi
./stamp.sh

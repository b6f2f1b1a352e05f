#!/bin/bash
# Show the release notes summary, then the release stamp.
cd "$(dirname "$0")" || exit
status=0
bash notes.sh || status=$?
./stamp.sh || status=$?
exit "$status"

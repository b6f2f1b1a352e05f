#!/bin/sh
# Print a release stamp.
echo "stamp: release 1.2.0"

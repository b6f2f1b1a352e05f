#!/bin/bash
set -e
if [ "$1" = "" ; then
  echo empty
fi
exit 3

#!/bin/bash
set -e
build() { echo building; }
buidl
if true; then ecoh done; fi

#!/bin/bash
set -e
greet() {
  echo "hi $1"
greet bob

#!/bin/bash
set -e
x=3
if [ $x -gt 2 ]; then
  echo big

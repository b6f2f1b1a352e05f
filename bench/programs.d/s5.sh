#!/bin/bash
set -e
while [ 1 -lt 0 ] do
  echo x
done

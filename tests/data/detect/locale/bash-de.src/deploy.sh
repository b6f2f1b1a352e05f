#!/bin/bash
echo start
nosuchcommand-heal --version
if [ 1 -eq 1 ]; then
  echo x

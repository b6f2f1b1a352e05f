#!/bin/bash
set -e
cd /nonexistent_dir_x
echo hi

#!/bin/sh
# bash-only constructs run by dash
name=report.txt
echo "${name/txt/csv}"

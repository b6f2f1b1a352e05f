#!/bin/bash
set -eu
echo "$undefined_var"

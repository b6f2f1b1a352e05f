#!/bin/bash
set -e
ech "hello"

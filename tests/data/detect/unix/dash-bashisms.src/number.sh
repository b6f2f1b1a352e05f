#!/bin/sh
count=abc
if [ $count -gt 1 ]; then echo many; fi
echo $((count+))

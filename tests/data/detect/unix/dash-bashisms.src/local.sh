#!/bin/sh
local count=1

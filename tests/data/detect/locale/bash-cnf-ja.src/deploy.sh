#!/bin/bash
echo start
nosuchcommand-heal --version
cd /nonexistent-heal

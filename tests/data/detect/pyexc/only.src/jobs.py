"""Jobs that log an exception's last line only, as a service's log does
(traceback.format_exception_only): no frames above it."""
import json
import sqlite3
import sys
import traceback
import zipfile


def report(exc):
    sys.stderr.write("".join(traceback.format_exception_only(type(exc), exc)))


try:
    sqlite3.connect(":memory:").execute("select * from users")
except Exception as e:
    report(e)
try:
    json.loads("{'a': 1}")
except Exception as e:
    report(e)
try:
    zipfile.ZipFile("jobs.py")
except Exception as e:
    report(e)

fields: column
pylint prints 0-based columns ('app.py:12:0:'); the engine has no way to say a matcher's columns start at 0 (docs/detect-gaps.md, 0-based columns)

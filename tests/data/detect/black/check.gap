fields: column
black prints 0-based columns ('Cannot parse: 1:11:' for the 12th character); not captured until the engine can shift a matcher's columns (docs/detect-gaps.md, 0-based columns)

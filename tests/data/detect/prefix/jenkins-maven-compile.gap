needs prefix stripping, #16 engine: every line carries the CI prefix of jenkins; heal-detect reads it as part of the line (no record, or the prefix in the file name)

fields: file
the file name is on a line of its own above its problems (stylish layout) and has no literal for the prefilter; the engine cannot find it (docs/detect-gaps.md, file-stack headers)

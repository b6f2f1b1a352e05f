# needs: codespell
codespell README.md docs

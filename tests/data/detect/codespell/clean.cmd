# needs: codespell
codespell README.md

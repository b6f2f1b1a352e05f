# needs: git
export HOME="$PWD" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_CEILING_DIRECTORIES="$(dirname "$PWD")" GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.org GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.org LC_ALL=C
git init -b main . && git add README && git commit -m "first: an error: fatal: words in a message" &&
git checkout -b topic && git log --oneline && git status && git -c core.autocrlf=true add README

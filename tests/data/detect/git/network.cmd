# needs: git
export HOME="$PWD" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_CEILING_DIRECTORIES="$(dirname "$PWD")" GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.org GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.org LC_ALL=C
# a port nothing listens on: refused at once, no network needed
GIT_TERMINAL_PROMPT=0 git ls-remote https://127.0.0.1:9/acme/app.git

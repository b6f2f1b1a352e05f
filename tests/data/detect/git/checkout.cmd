# needs: git
export HOME="$PWD" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_CEILING_DIRECTORIES="$(dirname "$PWD")" GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.org GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.org LC_ALL=C
git init -q -b main . && git add . && git commit -qm one &&
git checkout -q -b other && echo b >config.ini && echo 'int y;' >src/main.c && git commit -qam other &&
git checkout -q main && echo c >config.ini && echo 'int z;' >src/main.c && git checkout other

# needs: git
export HOME="$PWD" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_CEILING_DIRECTORIES="$(dirname "$PWD")" GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.org GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.org LC_ALL=C
git init -q -b main . && git add notes.txt && git commit -qm one &&
git checkout -q -b feature && sed -i 's/two/TWO/' notes.txt && git commit -qam feature &&
git checkout -q main && sed -i 's/two/2/' notes.txt && git commit -qam main && git merge feature

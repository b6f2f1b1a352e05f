# needs: git
export HOME="$PWD" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_CEILING_DIRECTORIES="$(dirname "$PWD")" GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.org GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.org LC_ALL=C
git init -q --bare -b main remote.git && git init -q -b main . && git add README && git commit -qm one &&
git remote add origin remote.git && git push -q origin main && git commit -q --amend -m amended &&
git push origin main
git push origin no-such-branch

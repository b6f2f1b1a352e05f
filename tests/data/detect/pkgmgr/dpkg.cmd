# needs: dpkg
mkdir -p db/updates db/info db/triggers && : >db/status && : >db/available && echo 'not a deb' >bad.deb
LC_ALL=C dpkg --admindir=db --configure nosuch-heal
LC_ALL=C dpkg --admindir=db -i nonexistent-heal.deb
LC_ALL=C dpkg --admindir=db --force-not-root --root="$PWD/root" -i bad.deb
LC_ALL=C dpkg --admindir=db --frob

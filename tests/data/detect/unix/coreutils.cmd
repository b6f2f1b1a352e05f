# needs: cp mv rm cat ls mkdir chmod
export LC_ALL=C
cp build/app.js dist/
mv old.log logs/
rm stale.lock
cat VERSION
ls artifacts
mkdir dist
chmod +x scripts/run.sh

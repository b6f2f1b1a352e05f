mkdir -p out
cd no-such-dir
n=$((1 +))

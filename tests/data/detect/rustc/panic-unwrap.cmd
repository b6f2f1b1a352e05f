# needs: /usr/bin/rustc
/usr/bin/rustc -o app src/main.rs 2>/dev/null && RUST_BACKTRACE=0 ./app

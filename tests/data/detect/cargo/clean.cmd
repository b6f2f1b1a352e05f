# needs: /usr/bin/cargo /usr/bin/rustc
RUSTC=/usr/bin/rustc /usr/bin/cargo build --offline --color never

# needs: cargo
cargo build --offline --color never

# needs: /usr/bin/rustc
/usr/bin/rustc --edition 2021 --color never --crate-type bin -o app main.rs

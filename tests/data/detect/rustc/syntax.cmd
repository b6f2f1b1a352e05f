# needs: rustc
rustc --edition 2021 --color never -o app main.rs

# needs: /usr/bin/rustc
/usr/bin/rustc --edition 2021 --color never -o app main.rs

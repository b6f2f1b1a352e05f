# needs: /usr/bin/rustc
/usr/bin/rustc --edition 2021 --color never --error-format short -o app main.rs

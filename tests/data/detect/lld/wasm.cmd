# needs: clang wasm-ld
clang --target=wasm32 -c frame.c -o frame.o && wasm-ld --no-entry --export-all frame.o -o frame.wasm

# needs: clang-tidy
clang-tidy --quiet -checks='-*,clang-diagnostic-*,bugprone-*,cert-*,readability-braces-around-statements,clang-analyzer-*' queue.c -- -Wall

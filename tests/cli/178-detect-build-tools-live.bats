#!/usr/bin/env bats
# heal-detect on the live output of the build tools and compilers (#16):
# the real tools run now on the inputs of tests/data/detect/<tool>/CASE.src
# (CASE.cmd), and heal-detect must give CASE.want on their output
# (helpers/golden.bash). A tool that is not installed (scripts/deps-tests)
# skips with the reason. The recorded outputs of the same cases are in
# 173-detect-build-tools, which runs under ASan too; this suite is in
# slow_suites (the tools' own start-up is most of its cost).

load 'helpers/golden'

# the tools run ahead, two at a time (the slowest first), each case once;
# the tests read their outputs
setup_file() {
	golden_live_prepare maven go tsc cmake javac cargo rustc ninja lld git autotools meson unix node java perl sanitizers pyexc valgrind cython gfortran nim php r as ccache fpc
}

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

@test "cmake: live" { golden_live cmake; }
@test "ninja: live" { golden_live ninja; }
@test "lld: live" { golden_live lld; }
@test "ccache: live" { golden_live ccache; }
@test "rustc: live" { golden_live rustc; }
@test "cargo: live" { golden_live cargo; }
@test "go: live" { golden_live go; }
@test "javac: live" { golden_live javac; }
@test "maven: live" { golden_live maven; }
@test "tsc: live" { golden_live tsc; }
@test "git: live" { golden_live git; }
@test "autoconf configure and pkg-config: live" { golden_live autotools; }
@test "meson: live" { golden_live meson; }
@test "node: live" { golden_live node; }
@test "fpc: live" { golden_live fpc; }
@test "python: an exception's last line alone, of a module's class (live)" { golden_live pyexc; }
@test "java (the JVM's exceptions): live" { golden_live java; }
@test "perl (the interpreter): live" { golden_live perl; }
@test "sanitizers (gcc's and clang's ASan, LSan, UBSan): live" { golden_live sanitizers; }
@test "valgrind (memcheck): live" { golden_live valgrind; }
@test "cython: live" { golden_live cython; }
@test "gfortran: live" { golden_live gfortran; }
@test "nim: live" { golden_live nim; }
@test "php (script on standard input, php -r): live" { golden_live php; }
@test "R (Rscript): live" { golden_live r; }
@test "GNU as: live" { golden_live as; }
@test "apt, curl, wget, tar, coreutils, ssh, unzip, sh -c: live" { golden_live unix; }

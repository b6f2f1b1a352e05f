#!/usr/bin/env bats
# heal-detect on the build tools around the compiler, other compilers, and
# deployment tools (#16): golden cases in tests/data/detect/<tool>/
# (helpers/golden.bash): the recorded outputs. The same cases run live, with
# the real tools, in 178-detect-build-tools-live; tools Debian does not have
# are recorded from their documentation (CASE.docs).

load 'helpers/golden'

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

@test "cmake: recorded" { golden_recorded cmake; }
@test "ninja: recorded" { golden_recorded ninja; }
@test "lld: recorded" { golden_recorded lld; }
@test "modpost: the kernel's module builds (recorded)" { golden_recorded modpost; }
@test "ccache: recorded" { golden_recorded ccache; }
@test "idris2 (recorded from docs)" { golden_recorded idris2; }
@test "rustc: recorded" { golden_recorded rustc; }
@test "cargo: recorded" { golden_recorded cargo; }
@test "go: recorded" { golden_recorded go; }
@test "javac: recorded" { golden_recorded javac; }
@test "maven: recorded" { golden_recorded maven; }
@test "gradle: recorded" { golden_recorded gradle; }
@test "tsc: recorded" { golden_recorded tsc; }
@test "git: recorded" { golden_recorded git; }
@test "autoconf configure and pkg-config: recorded" { golden_recorded autotools; }
@test "meson: recorded" { golden_recorded meson; }
@test "node: recorded" { golden_recorded node; }
@test "fpc and Delphi's dcc32: recorded" { golden_recorded fpc; }
@test "java (the JVM's exceptions): recorded" { golden_recorded java; }
@test "php (the interpreter: recorded, and from its manual)" { golden_recorded php; }
@test "ruby (the interpreter, recorded from its documentation)" { golden_recorded ruby; }
@test "python: an exception's last line alone, of a module's class (recorded)" { golden_recorded pyexc; }
@test "perl (the interpreter): recorded" { golden_recorded perl; }
@test "lua (the interpreter, from its manual)" { golden_recorded lua; }
@test "erlc (from its documentation)" { golden_recorded erlang; }
@test "apt, curl, wget, tar, coreutils, ssh, unzip, sh -c: recorded" { golden_recorded unix; }

@test "clippy (recorded from docs)" { golden_recorded clippy; }
@test "cargo check --message-format short (recorded from docs)" { golden_recorded cargo-check; }
@test "docker build (recorded from docs)" { golden_recorded docker-build; }
@test "vagrant (from its message catalog)" { golden_recorded vagrant; }
@test "kubectl (recorded from docs)" { golden_recorded kubectl; }
@test "conftest (recorded from docs)" { golden_recorded conftest; }
@test "checkov (recorded from docs)" { golden_recorded checkov; }
@test "helm (recorded from docs)" { golden_recorded helm; }
@test "pulumi: the Diagnostics block (recorded from docs)" { golden_recorded pulumi; }
@test "yarn (recorded from docs)" { golden_recorded yarn; }
@test "dotnet and msbuild (recorded from docs)" { golden_recorded dotnet; }
@test "msvc: cl and link (recorded from docs)" { golden_recorded msvc; }
@test "Code::Blocks' build messages (recorded from docs)" { golden_recorded codeblocks; }
@test "ld64: Apple's linker (recorded from docs)" { golden_recorded ld64; }
@test "webpack and ts-loader (recorded from docs)" { golden_recorded webpack; }
@test "ghc (recorded from docs)" { golden_recorded ghc; }
@test "ocaml, dune and coqc (recorded from docs)" { golden_recorded ocaml; }
@test "elixir (recorded from docs)" { golden_recorded elixir; }
@test "julia (recorded from docs)" { golden_recorded julia; }
@test "nginx (recorded from docs)" { golden_recorded nginx; }
@test "sanitizers: ASan, LSan, UBSan, TSan reports: recorded" { golden_recorded sanitizers; }
@test "valgrind: memcheck's errors, leaks and a killed program: recorded" { golden_recorded valgrind; }
@test "scalac (recorded from docs)" { golden_recorded scalac; }
@test "sbt (recorded from docs)" { golden_recorded sbt; }
@test "cython: recorded" { golden_recorded cython; }
@test "gfortran: recorded" { golden_recorded gfortran; }
@test "nim: recorded" { golden_recorded nim; }
@test "R: recorded" { golden_recorded r; }
@test "GNU as: recorded" { golden_recorded as; }
@test "conda and mamba (recorded from docs)" { golden_recorded conda; }
@test "nix (recorded from docs)" { golden_recorded nix; }
@test "nvcc, icc and ifort (recorded from docs)" { golden_recorded edg; }

@test "ld64: each undefined symbol's detail names the block's architecture; a later block's record does not inherit it" {
	cat >"$T/x.log" <<'EOF'
Undefined symbols for architecture arm64:
  "_png_read_info", referenced from:
      _load_png in image.o
  "_png_create_read_struct", referenced from:
      _load_png in image.o
ld: symbol(s) not found for architecture arm64
clang: error: linker command failed with exit code 1 (use -v to see invocation)
make[2]: *** [viewer] Error 1
[ 80%] Linking C executable tool
duplicate symbol '_verbose' in:
    main.o
    util.o
ld: 1 duplicate symbol for architecture arm64
EOF
	heal-detect <"$T/x.log" >"$T/got.json" || true
	run $PY -S -c 'import json,sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["tool"] == "ld":
        print(r["file"], "|", r["message"], "|", r.get("detail"))' "$T/got.json"
	[ "${lines[0]}" = 'image.o | "_png_read_info", referenced from: | Undefined symbols for architecture arm64:' ]
	[ "${lines[1]}" = 'image.o | "_png_create_read_struct", referenced from: | Undefined symbols for architecture arm64:' ]
	[ "${lines[2]}" = "main.o | duplicate symbol '_verbose' in: | None" ]
	[ "${#lines[@]}" -eq 3 ]
}

#!/usr/bin/env bats
# heal-detect on the build tools around the compiler, other compilers, and
# deployment tools (#16): golden cases in tests/data/detect/<tool>/
# (helpers/golden.bash). Recorded outputs always run; live cases run the real
# tool when installed (scripts/deps-tests) and skip otherwise; tools Debian
# does not have are recorded from their documentation (CASE.docs).

load 'helpers/golden'

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

@test "cmake: recorded" { golden_recorded cmake; }
@test "cmake: live" { golden_live cmake; }
@test "ninja: recorded" { golden_recorded ninja; }
@test "ninja: live" { golden_live ninja; }
@test "lld: recorded" { golden_recorded lld; }
@test "lld: live" { golden_live lld; }
@test "rustc: recorded" { golden_recorded rustc; }
@test "rustc: live" { golden_live rustc; }
@test "cargo: recorded" { golden_recorded cargo; }
@test "cargo: live" { golden_live cargo; }
@test "go: recorded" { golden_recorded go; }
@test "go: live" { golden_live go; }
@test "javac: recorded" { golden_recorded javac; }
@test "javac: live" { golden_live javac; }
@test "maven: recorded" { golden_recorded maven; }
@test "maven: live" { golden_live maven; }
@test "gradle: recorded" { golden_recorded gradle; }
@test "tsc: recorded" { golden_recorded tsc; }
@test "tsc: live" { golden_live tsc; }

@test "clippy (recorded from docs)" { golden_recorded clippy; }
@test "cargo check --message-format short (recorded from docs)" { golden_recorded cargo-check; }
@test "docker build (recorded from docs)" { golden_recorded docker-build; }
@test "kubectl (recorded from docs)" { golden_recorded kubectl; }
@test "helm (recorded from docs)" { golden_recorded helm; }
@test "yarn (recorded from docs)" { golden_recorded yarn; }
@test "dotnet and msbuild (recorded from docs)" { golden_recorded dotnet; }
@test "scalac (recorded from docs)" { golden_recorded scalac; }
@test "sbt (recorded from docs)" { golden_recorded sbt; }

#!/usr/bin/env bats
# The development corpus through the real heal-detect and heal-analyze: every
# case listed here must heal (best fix applied, up to 5 rounds).

load analyze-helpers

CASES="ansible-missing-role ansible-syntax-conflicting-actions ansible-syntax-unknown-module ansible-syntax-yaml-indentation ansible-undefined-variable ansible-unsupported-parameter ansible-vars-file-not-found bash-bad-substitution bash-cd-no-such-directory bash-integer-expression-expected bash-permission-denied bash-syntax-missing-then bash-syntax-unexpected-eof bash-test-too-many-arguments bash-unbound-variable c-clang-file-not-found c-clang-missing-include-stdio c-clang-missing-semicolon c-clang-unknown-type-bool c-clang-werror-missing-return c-gcc-error-in-header c-gcc-header-not-found c-gcc-implicit-declaration-conflict c-gcc-missing-brace c-gcc-missing-include-stdbool c-gcc-missing-include-stdio c-gcc-missing-include-stdlib c-gcc-missing-include-string c-gcc-missing-paren c-gcc-misspelled-identifier c-gcc-werror-format c-gcc-werror-unused-variable c-gcc-wrong-struct-member cpp-clangpp-out-of-line-mismatch cpp-gpp-missing-include-vector cpp-gpp-missing-std-prefix make-builtin-rule-werror make-missing-libm make-no-rule-to-make-target make-recipe-compile-error make-recipe-missing-file make-submake-compile-error python-attributeerror-did-you-mean python-filenotfound python-importerror-name python-indentationerror-unexpected python-indentationerror-unindent-mismatch python-multiframe-package-attributeerror python-nameerror-missing-import python-pytest-collection-importerror python-syntaxerror-in-imported-module python-syntaxerror-missing-colon python-syntaxerror-unclosed-paren python-unboundlocalerror shellcheck-gcc-iterate-over-ls shellcheck-gcc-parse-error-missing-fi shellcheck-gcc-unquoted-array-expansion shellcheck-tty-missing-shebang shellcheck-tty-string-compare-numbers"

@test "corpus: the heal cases heal-analyze covers are healed by detect | analyze | apply" {
	[ -d "${HEAL_CORPUS:-/work/shared/corpus}" ] || skip "no corpus"
	command -v ansible-playbook >/dev/null && command -v shellcheck >/dev/null || skip "tools missing"
	run heal-corpus-loop $CASES
	assert_success
	for c in $CASES; do
		assert_line "HEALED $c"
	done
}

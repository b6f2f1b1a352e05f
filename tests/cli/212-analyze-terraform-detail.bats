#!/usr/bin/env bats
# heal-analyze rules that match terraform's detail text, on real terraform
# output through the real pipeline (offline: built-in resources, local modules).
bats_require_minimum_version 1.5.0
load helpers/loop

TF=/usr/local/bin/terraform

setup() {
	[ -x "$TF" ] || skip "terraform not installed"
	loop_setup
	export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
	unset TF_CLI_CONFIG_FILE
}
teardown() { loop_teardown; }

# the analyzed records of `terraform validate`, through heal-detect
analyzed() { "$TF" validate -no-color >tf.out 2>&1 && return 1; heal-detect <tf.out | heal-analyze; }

@test "terraform: the suggestion is read from detail, not from the message" {
	printf 'variable "region" {\n  typ     = string\n  default = "eu"\n}\n' >variables.tf
	out=$(analyzed)
	rec=$(printf '%s\n' "$out" | head -n1)
	assert_equal "$(field "$rec" 'r["message"]')" "Unsupported argument"
	assert_equal "$(field "$rec" 'r["detail"]')" 'An argument named "typ" is not expected here. Did you mean "type"?'
	assert_equal "$(field "$rec" 'r["analysis"]["rule"]')" terraform.did-you-mean
	assert_equal "$(field "$rec" 'r["fixes"][0]["edits"][0]["text"]')" type
}

@test "terraform: heal fixes an argument, a variable, a local and an attribute named in detail" {
	printf 'variable "region" {\n  typ     = string\n  default = "eu"\n}\n' >variables.tf
	printf 'locals {\n  name = "logs-${var.regoin}"\n}\n\nresource "terraform_data" "a" {\n  input = "x"\n}\n\noutput "o" {\n  value = terraform_data.a.outptu\n}\n\noutput "p" {\n  value = local.nme\n}\n' >main.tf
	run --separate-stderr heal --yes --no-wait --max-attempts 8 -- "$TF" validate -no-color
	assert_success
	run "$TF" validate -no-color
	assert_success
	grep -q '  type     = string' variables.tf
	grep -q 'var.region' main.tf
	grep -q 'value = local.name' main.tf
	grep -q 'terraform_data.a.output' main.tf
}

@test "terraform: a module that is not installed: detail says run terraform init" {
	mkdir -p modules/net
	printf 'output "id" {\n  value = "n"\n}\n' >modules/net/main.tf
	printf 'module "net" {\n  source = "./modules/net"\n}\n\noutput "id" {\n  value = module.net.id\n}\n' >main.tf
	out=$(analyzed)
	rec=$(printf '%s\n' "$out" | head -n1)
	assert_equal "$(field "$rec" 'r["fixes"][0]["command"]')" '["terraform", "init", "-input=false", "-no-color"]'
	run --separate-stderr heal --yes --no-wait -- "$TF" validate -no-color
	assert_success
}

@test "terraform: an unsupported argument without a suggestion gets no fix, and heal changes nothing" {
	printf 'variable "region" {\n  colour  = "red"\n  default = "eu"\n}\n' >variables.tf
	out=$(analyzed)
	rec=$(printf '%s\n' "$out" | head -n1)
	assert_equal "$(field "$rec" 'r["message"]')" "Unsupported argument"
	assert_equal "$(field "$rec" 'len(r["fixes"])')" 0
	before=$(tree_state)
	run --separate-stderr heal --yes --no-wait -- "$TF" validate -no-color
	assert_failure
	assert_equal "$(tree_state)" "$before"
}

@test "terraform: a recorded record whose detail has no suggestion, or no detail at all, gets no rename" {
	printf 'variable "region" {\n  typ = string\n}\n' >variables.tf
	for detail in ', "detail": "An argument named \"typ\" is not expected here."' ''; do
		printf '{"v":1,"kind":"error","id":"a1","tool":"terraform","env":"terraform","severity":"error","file":"variables.tf","line":2,"message":"Unsupported argument. Did you mean \\"type\\"?"%s}\n' "$detail" >rec.json
		out=$(heal-analyze <rec.json)
		assert_equal "$(field "$out" 'len(r["fixes"])')" 0
	done
}

#!/usr/bin/env bats
# heal end to end on Terraform configurations of our own, each with one of
# the mistakes terraform validate's catalog names, where its detail says
# the fix or the configuration shows it: terraform validate must pass
# after heal with its default settings (the search on: it proves a rule's
# candidate with terraform validate before it goes in), and the line must
# read as its author meant it.  Only Terraform's built-ins (variables,
# locals, outputs, terraform_data): nothing is downloaded.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() {
	loop_setup
	command -v terraform >/dev/null || skip "terraform is not installed"
	# a CLI configuration the machine points at and lacks only warns
	unset TF_CLI_CONFIG_FILE
}
teardown() { loop_teardown; }

# heals: heal --yes --no-wait -- terraform validate -no-color succeeds
heals() {
	run --separate-stderr env HEAL_SEARCH=1 heal --yes --no-wait -- terraform validate -no-color </dev/null
	echo "$stderr"
	assert_success
	run terraform validate -no-color
	assert_success
}

@test "a quoted type constraint loses its quotes; a quoted list becomes list(string), as the detail says" {
	printf 'variable "name" {\n  type = "string"\n}\n\nvariable "zones" {\n  type    = "list"\n  default = []\n}\n' >main.tf
	heals
	grep -qx '  type = string' main.tf
	grep -qx '  type    = list(string)' main.tf
}

@test "a function, a variable, a local and an attribute of path or each named in a typo: each gets its name" {
	printf 'variable "region" {\n  default = "eu"\n}\n\nlocals {\n  prefix = upper(var.regoin)\n  n      = lenght(["a"])\n  where  = path.modul\n}\n\nresource "terraform_data" "t" {\n  for_each = toset(["a", "b"])\n  input    = each.vaule\n}\n\noutput "p" {\n  value = local.prefx\n}\n' >main.tf
	heals
	grep -qx '  prefix = upper(var.region)' main.tf
	grep -qx '  n      = length(\["a"\])' main.tf
	grep -qx '  where  = path.module' main.tf
	grep -qx '  input    = each.value' main.tf
	grep -qx '  value = local.prefix' main.tf
}

@test "a resource named in a typo takes the closest resource of its type the file declares" {
	printf 'resource "terraform_data" "backend" {\n  input = "b"\n}\n\nresource "terraform_data" "frontend" {\n  input = terraform_data.bakend.output\n}\n' >main.tf
	heals
	grep -qx '  input = terraform_data.backend.output' main.tf
}

@test "an index on a resource without count goes; one with count gets count.index or its first instance" {
	printf 'resource "terraform_data" "one" {\n  input = 1\n}\n\noutput "one" {\n  value = terraform_data.one[0].output\n}\n' >main.tf
	heals
	grep -qx '  value = terraform_data.one.output' main.tf
	printf 'resource "terraform_data" "many" {\n  count = 2\n  input = count.index\n}\n\nresource "terraform_data" "each" {\n  count = 2\n  input = terraform_data.many.output\n}\n\noutput "first" {\n  value = terraform_data.many.id\n}\n' >main.tf
	heals
	grep -qx '  input = terraform_data.many\[count.index\].output' main.tf
	grep -qx '  value = terraform_data.many\[0\].id' main.tf
}

@test "for_each over a list takes toset(); a set indexed takes tolist(); count's other attribute is count.index" {
	printf 'variable "names" {\n  type    = list(string)\n  default = ["a", "b"]\n}\n\nvariable "ids" {\n  type    = set(string)\n  default = ["x"]\n}\n\nresource "terraform_data" "n" {\n  for_each = var.names\n  input    = each.key\n}\n\nresource "terraform_data" "c" {\n  count = 2\n  input = count.number\n}\n\noutput "first" {\n  value = var.ids[0]\n}\n' >main.tf
	heals
	grep -qx '  for_each = toset(var.names)' main.tf
	grep -qx '  input = count.index' main.tf
	grep -qx '  value = tolist(var.ids)\[0\]' main.tf
}

@test "a bool written as a word in quotes is the bool; a lone value for a list becomes a list of one" {
	printf 'variable "debug" {\n  type    = bool\n  default = "yes"\n}\n\nvariable "zones" {\n  type    = list(string)\n  default = "eu-west-1a"\n}\n\noutput "secret" {\n  value     = var.zones\n  sensitive = "off"\n}\n' >main.tf
	heals
	grep -qx '  default = true' main.tf
	grep -qx '  default = \["eu-west-1a"\]' main.tf
	grep -qx '  sensitive = false' main.tf
	printf 'variable "azs" {\n  type    = list(string)\n  default = "a, b,c" # three\n}\n\noutput "n" {\n  value = length(var.azs)\n}\n' >main.tf
	heals
	grep -qxF '  default = ["a", "b", "c"] # three' main.tf
}

@test "a string joined with '+' becomes a template, on either side" {
	printf 'variable "env" {\n  default = "dev"\n}\n\nlocals {\n  a = "app-" + var.env\n  b = var.env + "-db"\n}\n' >main.tf
	heals
	grep -qF '  a = "app-${var.env}"' main.tf
	grep -qF '  b = "${var.env}-db"' main.tf
}

@test "an argument written as a block gets its '=', a block written as an argument loses it" {
	printf 'resource "terraform_data" "t" {\n  input {\n    a = 1\n  }\n  lifecycle = {\n    create_before_destroy = true\n  }\n}\n' >main.tf
	heals
	grep -qx '  input = {' main.tf
	grep -qx '  lifecycle {' main.tf
}

@test "count beside for_each goes, above or below it; an argument set twice keeps its first; locals lose a label" {
	printf 'resource "terraform_data" "a" {\n  count    = 2\n  for_each = toset(["x"])\n  input    = each.key\n}\n\nresource "terraform_data" "b" {\n  for_each = toset(["y"])\n  input    = each.key\n  count    = 3\n}\n\nlocals "names" {\n  n = 1\n}\n\nvariable "v" {\n  default = 1\n  type    = number\n  default = 2\n}\n' >main.tf
	heals
	run grep -c 'count' main.tf
	assert_output 0
	run grep -c 'default' main.tf
	assert_output 1
	grep -qx '  default = 1' main.tf
	grep -qx 'locals {' main.tf
}

@test "ignore_changes [\"*\"] becomes all; a validation condition tests its own variable" {
	printf 'variable "env" {\n  type = string\n  validation {\n    condition     = contains(["dev", "prod"], var.environment)\n    error_message = "bad env"\n  }\n}\n\nresource "terraform_data" "t" {\n  input = 1\n  lifecycle {\n    ignore_changes = ["*"]\n  }\n}\n' >main.tf
	heals
	grep -qx '    condition     = contains(\["dev", "prod"\], var.env)' main.tf
	grep -qx '    ignore_changes = all' main.tf
}

@test "a string: a backslash that escapes nothing is doubled, a string broken over lines is joined, an interpolation is closed" {
	printf 'locals {\n  path = "C:\\\\Users\\Public"\n}\n' >main.tf
	heals
	grep -qxF '  path = "C:\\Users\\Public"' main.tf
	printf 'locals {\n  msg = "hello\nworld"\n}\n' >main.tf
	heals
	grep -qxF '  msg = "hello\nworld"' main.tf
	printf 'locals {\n  host = "h"\n  api  = "a"\n  url  = "https://${local.host}/${local.api/v1"\n}\n' >main.tf
	heals
	grep -qxF '  url  = "https://${local.host}/${local.api}/v1"' main.tf
}

@test "a conditional broken before its '?' is joined; a block left open is closed where its indentation ends" {
	printf 'variable "env" {\n  default = "dev"\n}\n\nlocals {\n  size = var.env == "prod"\n    ? 3 : 1\n}\n' >main.tf
	heals
	grep -qx '  size = var.env == "prod" ? 3 : 1' main.tf
	printf 'resource "terraform_data" "t" {\n  input = 1\n\noutput "s" {\n  value = terraform_data.t.output\n}\n' >main.tf
	heals
	run sed -n 2,4p main.tf
	assert_output $'  input = 1\n}'
}

@test "an attribute of a string variable is dropped: terraform shows the variable is a string" {
	printf 'variable "cidr" {\n  type    = string\n  default = "10.0.0.0/16"\n}\n\nlocals {\n  sub = cidrsubnet(var.cidr.block, 8, 1)\n}\n' >main.tf
	heals
	grep -qx '  sub = cidrsubnet(var.cidr, 8, 1)' main.tf
}

@test "a fractional count is rounded down; a check's condition block is its assert; each under count moves the collection to for_each" {
	printf 'locals {\n  n = 5\n}\n\nresource "terraform_data" "half" {\n  count = local.n / 2\n  input = count.index\n}\n' >main.tf
	heals
	grep -qx '  count = floor(local.n / 2)' main.tf
	printf 'variable "url" {\n  default = "https://x"\n}\n\ncheck "https" {\n  postcondition {\n    condition     = startswith(var.url, "https")\n    error_message = "not https"\n  }\n}\n' >main.tf
	heals
	grep -qx '  assert {' main.tf
	printf 'variable "names" {\n  type    = list(string)\n  default = ["a"]\n}\n\nresource "terraform_data" "u" {\n  count = length(var.names)\n  input = each.value\n}\n' >main.tf
	heals
	grep -qx '  for_each = toset(var.names)' main.tf
}

@test "a variable used and never declared, with no name close to it, is declared as terraform advises" {
	printf 'resource "terraform_data" "t" {\n  input = var.region\n}\n' >main.tf
	heals
	run tail -n 1 main.tf
	assert_output 'variable "region" {}'
}

@test "abbreviations and other words: var.env for a variable another .tf file declares, a resource called by its short name, each.name; when = delete" {
	printf 'variable "environment" {\n  type    = string\n  default = "dev"\n}\n' >variables.tf
	printf 'resource "terraform_data" "database" {\n  input = 1\n}\n\nresource "terraform_data" "app" {\n  for_each = {web = 1}\n  input    = each.name\n}\n\noutput "d" {\n  value = terraform_data.db.output\n}\n\noutput "e" {\n  value = var.env\n}\n' >main.tf
	heals
	grep -qx '  input    = each.key' main.tf
	grep -qx '  value = var.environment' main.tf
	grep -qx '  value = terraform_data.database.output' main.tf
	mkdir w && cd w
	printf 'resource "terraform_data" "app" {\n  provisioner "local-exec" {\n    when    = delete\n    command = "true"\n  }\n}\n' >main.tf
	heals
	grep -qx '    when    = destroy' main.tf
}

@test "a top-level block's misspelt type hid a reference: once loading passes, the reference's fix follows, and the first fix is no failure" {
	# Terraform loads the configuration before it checks references: the
	# reference to var.envv shows only once resorce is resource
	printf 'variable "env" {\n  type    = string\n  default = "dev"\n}\n\nresource "terraform_data" "a" {\n  input = var.envv\n}\n\nresorce "terraform_data" "b" {\n  input = "x"\n}\n' >main.tf
	heals
	[[ "$stderr" == *"attempt 1: 1 fix applied, 1 passed, 0 failed"* ]]
	grep -qx 'resource "terraform_data" "b" {' main.tf
	grep -qx '  input = var.env' main.tf
}

@test "a variable's default that refers to another variable takes that one's literal default: in a template, from another .tf file, or as the whole value" {
	printf 'variable "project" {\n  type    = string\n  default = "atlas" # the team\n}\n\nvariable "replicas" {\n  default = 3\n}\n' >variables.tf
	printf 'variable "bucket" {\n  type        = string\n  description = "where {builds} go"\n  default     = "${var.project}-artifacts"\n}\n\nvariable "pool" {\n  default = "pool-${ var.replicas }"\n}\n\nvariable "name" {\n  default = var.project\n}\n\noutput "o" {\n  value = "${var.bucket} ${var.pool} ${var.name}"\n}\n' >main.tf
	heals
	grep -qxF '  default     = "atlas-artifacts"' main.tf
	grep -qxF '  default = "pool-3"' main.tf
	grep -qxF '  default = "atlas"' main.tf
}

@test "a variable's default that refers to a variable without a literal default, or to two variables, is left alone" {
	printf 'variable "project" {\n  type = string\n}\n\nvariable "env" {\n  default = "dev"\n}\n\nvariable "bucket" {\n  default = "${var.project}-artifacts"\n}\n\nvariable "b2" {\n  default = "${var.env}-${var.env}"\n}\n' >main.tf
	cp main.tf before.tf.orig
	run --separate-stderr env HEAL_SEARCH=1 heal --yes --no-wait -- terraform validate -no-color </dev/null
	assert_failure
	cmp main.tf before.tf.orig
}

@test "a variable declared twice, or under a reserved name, and a local defined twice take the one name the module uses and declares nowhere" {
	printf 'variable "region" {\n  default = "westeurope"\n}\n\nvariable "region" {\n  default = "we"\n}\n' >variables.tf
	printf 'output "o" {\n  value = "${var.region}-${var.location_suffix}"\n}\n' >main.tf
	heals
	grep -qxF 'variable "location_suffix" {' variables.tf
	run grep -c '^variable "region"' variables.tf
	assert_output 1
	printf 'variable "count" {\n  type    = number\n  default = 2\n}\n' >variables.tf
	printf 'resource "terraform_data" "node" {\n  count = var.instance_count\n}\n' >main.tf
	heals
	grep -qxF 'variable "instance_count" {' variables.tf
	rm variables.tf
	printf 'locals {\n  name = "eu"\n}\n\nlocals {\n  name = "west"\n}\n\noutput "o" {\n  value = "${local.name}-${local.zone}"\n}\n' >main.tf
	heals
	grep -qxF '  zone = "west"' main.tf
}

@test "a variable declared twice is left alone when no name, or two, are used and declared nowhere" {
	printf 'variable "region" {\n  default = "a"\n}\n\nvariable "region" {\n  default = "b"\n}\n\noutput "o" {\n  value = var.region\n}\n' >main.tf
	cp main.tf before.tf.orig
	run --separate-stderr env HEAL_SEARCH=1 heal --yes --no-wait -- terraform validate -no-color </dev/null
	assert_failure
	cmp main.tf before.tf.orig
	printf 'variable "region" {\n  default = "a"\n}\n\nvariable "region" {\n  default = "b"\n}\n\noutput "o" {\n  value = "${var.zone}${var.site}"\n}\n' >main.tf
	cp main.tf before.tf.orig
	run --separate-stderr env HEAL_SEARCH=1 heal --yes --no-wait -- terraform validate -no-color </dev/null
	assert_failure
	cmp main.tf before.tf.orig
}

@test "typographic quotes pasted from a document become straight quotes, not in a string or a comment" {
	printf 'locals {\n  x = “hello”\n  y = ‘a’ # it’s\n  z = "it’s"\n}\n\noutput "o" {\n  value = "${local.x}${local.y}${local.z}"\n}\n' >main.tf
	heals
	grep -qxF '  x = "hello"' main.tf
	grep -qxF '  y = "a" # it’s' main.tf
	grep -qxF '  z = "it’s"' main.tf
}

@test "a block's name that is no identifier becomes one; version constraints are joined by commas, and => is >=" {
	printf 'resource "terraform_data" "1st" {}\n\noutput "my output" { value = "a b" }\n\noutput "a.b" {\n  value = 1\n}\n' >main.tf
	heals
	grep -qxF 'resource "terraform_data" "_1st" {}' main.tf
	grep -qxF 'output "my_output" { value = "a b" }' main.tf
	grep -qxF 'output "a_b" {' main.tf
	printf 'terraform {\n  required_version = ">= 1.0.0 <2.0.0"\n}\n' >main.tf
	heals
	grep -qxF '  required_version = ">= 1.0.0, <2.0.0"' main.tf
	printf 'terraform {\n  required_version = "=> 1.0"\n}\n' >main.tf
	heals
	grep -qxF '  required_version = ">= 1.0"' main.tf
}

@test "a block written twice where one is allowed goes into the first: a second lifecycle, a second required_providers in another terraform block" {
	printf 'resource "terraform_data" "a" {\n  lifecycle {\n    prevent_destroy = true\n  }\n  input = "x"\n  lifecycle {\n    create_before_destroy = true # keep serving\n    ignore_changes = [\n      input, # {not a brace}\n    ]\n  }\n}\n' >main.tf
	heals
	run cat main.tf
	assert_output "$(printf 'resource "terraform_data" "a" {\n  lifecycle {\n    prevent_destroy = true\n    create_before_destroy = true # keep serving\n    ignore_changes = [\n      input, # {not a brace}\n    ]\n  }\n  input = "x"\n}')"
	printf 'terraform {\n  required_providers {\n    terraform = {\n      source = "terraform.io/builtin/terraform"\n    }\n  }\n}\n' >versions.tf
	printf 'terraform {\n    required_providers {\n        # the others come later\n    }\n}\n\nresource "terraform_data" "b" {}\n' >main.tf
	heals
	run cat main.tf
	assert_output "$(printf 'terraform {\n    required_providers {\n        # the others come later\n      terraform = {\n        source = "terraform.io/builtin/terraform"\n      }\n    }\n}\n\nresource "terraform_data" "b" {}')"
	run grep -c required_providers versions.tf
	assert_output 0
}

@test "a for expression over a string variable whose default lists items with a separator splits it there" {
	printf 'variable "zones" {\n  type    = string\n  default = "a;b;c"\n}\n\noutput "upper_zones" {\n  value = [for z in var.zones : upper(z)]\n}\n' >main.tf
	heals
	grep -qxF '  value = [for z in split(";", var.zones) : upper(z)]' main.tf
}

@test "split() of a variable that is a list already is the list" {
	printf 'variable "names" {\n  type    = list(string)\n  default = ["a", "b"]\n}\n\noutput "n" {\n  value = length(split(",", var.names))\n}\n' >main.tf
	heals
	grep -qxF '  value = length(var.names)' main.tf
}

@test "a for expression keyed by its iteration variable, an object, is keyed by the objects' id" {
	printf 'locals {\n  users = [\n    {\n      id   = "u1"\n      mail = "a@example.org"\n    },\n  ]\n  by_id = { for u in local.users : u => u.mail }\n}\n\noutput "m" {\n  value = local.by_id\n}\n' >main.tf
	heals
	grep -qxF '  by_id = { for u in local.users : u.id => u.mail }' main.tf
}

@test "a required_providers or backend block at the top level is nested in a terraform block" {
	printf 'required_providers {\n  terraform = {\n    source = "terraform.io/builtin/terraform"\n  }\n}\n' >versions.tf
	printf 'backend "local" {\n  path = "state/x.tfstate" # {kept}\n}\n\nresource "terraform_data" "a" {}\n' >main.tf
	heals
	run cat versions.tf
	assert_output "$(printf 'terraform {\n  required_providers {\n    terraform = {\n      source = "terraform.io/builtin/terraform"\n    }\n  }\n}')"
	run cat main.tf
	assert_output "$(printf 'terraform {\n  backend "local" {\n    path = "state/x.tfstate" # {kept}\n  }\n}\n\nresource "terraform_data" "a" {}')"
}

@test "a reference of the wrong kind: var. for a local, local. for a variable, locals. and vars., a resource by its name alone" {
	printf 'variable "owner" {\n  default = "ops"\n}\n\nlocals {\n  region = "eu"\n  tier   = "web"\n}\n\nresource "terraform_data" "db" {}\n' >defs.tf
	printf 'output "a" {\n  value = var.region\n}\n\noutput "b" {\n  value = local.owner\n}\n\noutput "c" {\n  value = locals.tier\n}\n\noutput "d" {\n  value = vars.owner\n}\n\noutput "e" {\n  value = db.id\n}\n' >main.tf
	heals
	run cat main.tf
	assert_output "$(printf 'output "a" {\n  value = local.region\n}\n\noutput "b" {\n  value = var.owner\n}\n\noutput "c" {\n  value = local.tier\n}\n\noutput "d" {\n  value = var.owner\n}\n\noutput "e" {\n  value = terraform_data.db.id\n}')"
}

@test "the search without priors of its own does not silence an error that is not syntax: an index out of range is left, not made a comparison" {
	printf 'locals {\n  l = [1, 2, 3]\n}\n\noutput "o" {\n  value = local.l[5]\n}\n' >main.tf
	cp main.tf before
	run --separate-stderr env HEAL_SEARCH=1 heal --yes --no-wait -- terraform validate -no-color </dev/null
	assert_failure
	cmp before main.tf
}

@test "a type keyword misspelt, alone or inside a constructor, gets the closest of HCL's type keywords" {
	printf 'variable "v" {\n  type = strin\n}\n\nvariable "w" {\n  type    = list(numbr)\n  default = [1]\n}\n' >main.tf
	heals
	grep -qx '  type = string' main.tf
	grep -qx '  type    = list(number)' main.tf
}

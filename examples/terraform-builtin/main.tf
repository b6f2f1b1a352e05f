# A small configuration that uses only Terraform's built-in provider, so it
# runs offline.
locals {
  greeting = "hello"
}

resource "terraform_data" "release" {
  inputt = {
    greeting = local.greeting
    version  = "1.2.0"
  }
}

output "release" {
  value = terraform_data.release.output
}

# A release record kept in state by Terraform's built-in provider.
variable "app" {
  type = string
}

variable "release_version" {
  type = string
}

resource "terraform_data" "release" {
  input = {
    app     = var.app
    version = var.release_version
  }
}

output "release" {
  value = terraform_data.release.output
}

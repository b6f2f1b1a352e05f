# Uses only a local module and Terraform's built-in provider, so it works
# offline.  Broken: the module was never installed (`terraform init`).
module "release" {
  source          = "./modules/release"
  app             = "demo"
  release_version = "1.2.0"
}

output "release" {
  value = module.release.release
}

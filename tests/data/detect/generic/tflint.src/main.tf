terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "unused" {
  type = string
}

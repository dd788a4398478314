terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }

  # State belongs in S3 with locking. Copy backend.hcl.example to backend.hcl, fill it in,
  # uncomment the block and run: terraform init -backend-config=backend.hcl
  # backend "s3" {}
}

provider "aws" {
  region = var.aws_region
}

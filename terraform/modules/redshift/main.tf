data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

locals {
  tags = merge(var.tags, {
    project     = "ecom-pipeline"
    environment = var.environment
    module      = "redshift"
  })

  name = "ecom-pipeline-${var.environment}"
}

resource "aws_kms_key" "warehouse" {
  description             = "ecom-pipeline ${var.environment} Redshift namespace and admin secret"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_days
  tags                    = local.tags
}

resource "aws_kms_alias" "warehouse" {
  name          = "alias/ecom-pipeline-${var.environment}-warehouse"
  target_key_id = aws_kms_key.warehouse.key_id
}

# ---------------------------------------------------------------------------------------
# Role the namespace uses for COPY: read gold and the loader's manifests, nothing else.
# ---------------------------------------------------------------------------------------
data "aws_iam_policy_document" "copy_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["redshift.amazonaws.com", "redshift-serverless.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "copy" {
  name               = "${local.name}-redshift-copy"
  description        = "Redshift COPY of gold Parquet for ecom-pipeline ${var.environment}"
  assume_role_policy = data.aws_iam_policy_document.copy_trust.json
  tags               = local.tags
}

data "aws_iam_policy_document" "copy" {
  statement {
    sid     = "ReadGoldAndManifests"
    actions = ["s3:GetObject"]
    resources = [
      "${var.lake_bucket_arn}/gold/*",
      "${var.lake_bucket_arn}/${var.manifest_prefix_pattern}",
    ]
  }

  statement {
    sid       = "ListGoldAndManifests"
    actions   = ["s3:ListBucket"]
    resources = [var.lake_bucket_arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["gold/*", var.manifest_prefix_pattern]
    }
  }

  # The lake is SSE-KMS: reading an object needs Decrypt, and only through S3.
  statement {
    sid       = "DecryptLakeObjects"
    actions   = ["kms:Decrypt"]
    resources = [var.lake_kms_key_arn]
    condition {
      test     = "StringLike"
      variable = "kms:ViaService"
      values   = ["s3.*.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "copy" {
  name   = "copy-gold"
  role   = aws_iam_role.copy.id
  policy = data.aws_iam_policy_document.copy.json
}

# ---------------------------------------------------------------------------------------
# Serverless namespace (storage, users) and workgroup (compute, network).
# ---------------------------------------------------------------------------------------
resource "aws_redshiftserverless_namespace" "this" {
  namespace_name = local.name
  db_name        = var.database_name
  admin_username = var.admin_username

  # Redshift generates the admin password and keeps it in Secrets Manager.
  manage_admin_password            = true
  admin_password_secret_kms_key_id = aws_kms_key.warehouse.arn

  kms_key_id           = aws_kms_key.warehouse.arn
  iam_roles            = [aws_iam_role.copy.arn]
  default_iam_role_arn = aws_iam_role.copy.arn
  log_exports          = ["userlog", "connectionlog", "useractivitylog"]

  tags = local.tags
}

resource "aws_security_group" "workgroup" {
  name        = "${local.name}-redshift"
  description = "Redshift Serverless workgroup of ecom-pipeline ${var.environment}"
  vpc_id      = var.vpc_id
  tags        = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "from_clients" {
  for_each = var.allowed_security_groups

  security_group_id            = aws_security_group.workgroup.id
  description                  = "Redshift from ${each.key}"
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = var.port
  to_port                      = var.port
  tags                         = local.tags
}

resource "aws_redshiftserverless_workgroup" "this" {
  namespace_name = aws_redshiftserverless_namespace.this.namespace_name
  workgroup_name = local.name

  base_capacity        = var.base_capacity_rpu
  max_capacity         = var.max_capacity_rpu
  publicly_accessible  = false
  enhanced_vpc_routing = true
  port                 = var.port
  subnet_ids           = var.subnet_ids
  security_group_ids   = [aws_security_group.workgroup.id]

  tags = local.tags
}

locals {
  tags = merge(var.tags, {
    project     = "ecom-pipeline"
    environment = var.environment
    module      = "lake"
  })

  # Lake layers of CONTRACT.md section 1, plus the EMR log prefix. S3 has no folders: a
  # prefix exists once the pipeline writes under it; lifecycle rules apply by prefix.
  prefix_retention = {
    bronze     = { prefix = "bronze/", days = var.retention_days.bronze }
    quarantine = { prefix = "quarantine/", days = var.retention_days.quarantine }
    silver     = { prefix = "silver/", days = var.retention_days.silver }
    gold       = { prefix = "gold/", days = var.retention_days.gold }
    runs       = { prefix = "_runs/", days = var.retention_days.runs }
    emr-logs   = { prefix = "_emr-logs/", days = var.retention_days.emr_logs }
  }
}

resource "aws_kms_key" "lake" {
  description             = "ecom-pipeline ${var.environment} lake (S3 SSE-KMS, EMR at-rest encryption)"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_days
  tags                    = local.tags
}

resource "aws_kms_alias" "lake" {
  name          = "alias/ecom-pipeline-${var.environment}-lake"
  target_key_id = aws_kms_key.lake.key_id
}

resource "aws_s3_bucket" "lake" {
  bucket        = var.bucket_name
  force_destroy = var.force_destroy
  tags          = local.tags
}

resource "aws_s3_bucket_ownership_controls" "lake" {
  bucket = aws_s3_bucket.lake.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "lake" {
  bucket                  = aws_s3_bucket.lake.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "lake" {
  bucket = aws_s3_bucket.lake.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "lake" {
  bucket = aws_s3_bucket.lake.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.lake.arn
    }
    # S3 Bucket Keys cut KMS request costs for the many small Parquet files.
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "lake" {
  bucket = aws_s3_bucket.lake.id

  # Lifecycle needs versioning to be configured first for noncurrent rules to be meaningful.
  depends_on = [aws_s3_bucket_versioning.lake]

  dynamic "rule" {
    for_each = local.prefix_retention
    content {
      id     = "expire-${rule.key}"
      status = "Enabled"

      filter {
        prefix = rule.value.prefix
      }

      expiration {
        days = rule.value.days
      }

      noncurrent_version_expiration {
        noncurrent_days = var.noncurrent_version_expiration_days
      }
    }
  }

  # Whole-bucket housekeeping: leftover delete markers and abandoned multipart uploads
  # (a crashed writer must not keep paying for half-uploaded parts).
  rule {
    id     = "housekeeping"
    status = "Enabled"

    filter {}

    expiration {
      expired_object_delete_marker = true
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

data "aws_iam_policy_document" "lake" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.lake.arn,
      "${aws_s3_bucket.lake.arn}/*",
    ]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  statement {
    sid     = "DenyOutdatedTls"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.lake.arn,
      "${aws_s3_bucket.lake.arn}/*",
    ]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "NumericLessThan"
      variable = "s3:TlsVersion"
      values   = ["1.2"]
    }
  }
}

resource "aws_s3_bucket_policy" "lake" {
  bucket = aws_s3_bucket.lake.id
  policy = data.aws_iam_policy_document.lake.json

  # The public access block must exist before a policy is attached.
  depends_on = [aws_s3_bucket_public_access_block.lake]
}

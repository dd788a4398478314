output "bucket_name" {
  description = "Name of the lake bucket."
  value       = aws_s3_bucket.lake.id
}

output "bucket_arn" {
  description = "ARN of the lake bucket."
  value       = aws_s3_bucket.lake.arn
}

output "lake_uri" {
  description = "Lake root to pass to the pipeline as --lake."
  value       = "s3://${aws_s3_bucket.lake.id}"
}

output "prefixes" {
  description = "Map of lake layer to its key prefix in the bucket (bronze/, quarantine/, silver/, gold/, _runs/, _emr-logs/)."
  value       = { for k, v in local.prefix_retention : k => v.prefix }
}

output "emr_log_uri" {
  description = "S3 URI for EMR cluster logs (_emr-logs/ in the lake bucket)."
  value       = "s3://${aws_s3_bucket.lake.id}/_emr-logs/"
}

output "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the lake."
  value       = aws_kms_key.lake.arn
}

output "namespace_name" {
  description = "Name of the Redshift Serverless namespace."
  value       = aws_redshiftserverless_namespace.this.namespace_name
}

output "workgroup_name" {
  description = "Name of the Redshift Serverless workgroup."
  value       = aws_redshiftserverless_workgroup.this.workgroup_name
}

output "workgroup_arn" {
  description = "ARN of the Redshift Serverless workgroup."
  value       = aws_redshiftserverless_workgroup.this.arn
}

output "endpoint_address" {
  description = "Host name of the workgroup endpoint (private)."
  value       = aws_redshiftserverless_workgroup.this.endpoint[0].address
}

output "port" {
  description = "Port of the workgroup endpoint."
  value       = var.port
}

output "database_name" {
  description = "Database the pipeline loads into."
  value       = var.database_name
}

output "jdbc_url" {
  description = "JDBC URL for the pipeline's --warehouse option."
  value       = "jdbc:redshift://${aws_redshiftserverless_workgroup.this.endpoint[0].address}:${var.port}/${var.database_name}"
}

output "admin_secret_arn" {
  description = "ARN of the Secrets Manager secret with the admin password (created by Redshift)."
  value       = aws_redshiftserverless_namespace.this.admin_password_secret_arn
}

output "kms_key_arn" {
  description = "ARN of the KMS key of the namespace and its admin secret."
  value       = aws_kms_key.warehouse.arn
}

output "copy_role_arn" {
  description = "ARN of the namespace's default IAM role, used by COPY (IAM_ROLE default)."
  value       = aws_iam_role.copy.arn
}

output "security_group_id" {
  description = "Security group of the workgroup."
  value       = aws_security_group.workgroup.id
}

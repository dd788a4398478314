output "cluster_id" {
  description = "EMR cluster id (j-...), the ClusterId of the Step Functions addStep task."
  value       = aws_emr_cluster.this.id
}

output "cluster_arn" {
  description = "ARN of the EMR cluster."
  value       = aws_emr_cluster.this.arn
}

output "release_label" {
  description = "EMR release of the cluster."
  value       = aws_emr_cluster.this.release_label
}

output "flink_minor" {
  description = "Flink minor version the chosen EMR release ships (matches beam_flink_minor)."
  value       = local.cluster_flink_minor
}

output "job_jar_s3_uri" {
  description = "s3:// URI of the pipeline jar the steps run."
  value       = var.job_jar_s3_uri
}

output "primary_security_group_id" {
  description = "Security group of the primary node (clients such as Redshift allow it)."
  value       = aws_security_group.primary.id
}

output "workers_security_group_id" {
  description = "Security group of core and task nodes (where the Flink job runs)."
  value       = aws_security_group.workers.id
}

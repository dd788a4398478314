output "lake_uri" {
  description = "Lake root (--lake)."
  value       = module.lake.lake_uri
}

output "emr_cluster_id" {
  description = "EMR cluster id."
  value       = module.emr.cluster_id
}

output "emr_release_label" {
  description = "EMR release of the cluster and the Flink minor it ships."
  value       = "${module.emr.release_label} (Flink ${module.emr.flink_minor})"
}

output "warehouse_jdbc_url" {
  description = "JDBC URL of the Redshift Serverless workgroup (--warehouse)."
  value       = module.redshift.jdbc_url
}

output "redshift_admin_secret_arn" {
  description = "Secrets Manager secret with the Redshift admin password."
  value       = module.redshift.admin_secret_arn
}

output "state_machine_arn" {
  description = "ARN of the daily state machine (start it by hand with {\"runDate\": \"YYYY-MM-DD\"})."
  value       = module.orchestration.state_machine_arn
}

output "alerts_topic_arn" {
  description = "SNS topic of alarms and run notices."
  value       = module.monitoring.alerts_topic_arn
}

output "pipeline_step_args" {
  description = "Arguments of the pipeline EMR step (@RUN_DATE@ is filled in at run time)."
  value       = module.orchestration.pipeline_step_args
}

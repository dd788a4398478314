output "alerts_topic_arn" {
  description = "ARN of the SNS alerts topic."
  value       = aws_sns_topic.alerts.arn
}

output "kms_key_arn" {
  description = "ARN of the KMS key of the alerts topic and the log groups."
  value       = aws_kms_key.monitoring.arn
}

output "job_log_group_name" {
  description = "Name of the job's CloudWatch log group."
  value       = aws_cloudwatch_log_group.job.name
}

output "job_log_group_arn" {
  description = "ARN of the job's CloudWatch log group."
  value       = aws_cloudwatch_log_group.job.arn
}

output "state_machine_log_group_arn" {
  description = "ARN of the state machine's execution log group."
  value       = aws_cloudwatch_log_group.state_machine.arn
}

output "metric_namespace" {
  description = "Custom metric namespace of the pipeline."
  value       = var.metric_namespace
}

output "alarm_names" {
  description = "Names of the CloudWatch alarms."
  value       = concat([for a in aws_cloudwatch_metric_alarm.sfn : a.alarm_name], [aws_cloudwatch_metric_alarm.run_failed.alarm_name])
}

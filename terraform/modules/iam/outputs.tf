output "emr_service_role_arn" {
  description = "ARN of the EMR service role."
  value       = aws_iam_role.emr_service.arn
  # EMR checks the role's permissions when the cluster is created.
  depends_on = [aws_iam_role_policy_attachment.emr_service, aws_iam_role_policy.emr_service_extra]
}

output "emr_instance_profile_arn" {
  description = "ARN of the EC2 instance profile of the EMR nodes."
  value       = aws_iam_instance_profile.emr_ec2.arn
  depends_on  = [aws_iam_role_policy.emr_ec2]
}

output "emr_instance_role_arn" {
  description = "ARN of the role behind the EMR instance profile (the job's identity)."
  value       = aws_iam_role.emr_ec2.arn
}

output "loader_role_arn" {
  description = "ARN of the warehouse loader role (assumed from the EMR nodes)."
  value       = aws_iam_role.loader.arn
}

output "step_functions_role_arn" {
  description = "ARN of the Step Functions execution role."
  value       = aws_iam_role.step_functions.arn
  depends_on  = [aws_iam_role_policy.step_functions]
}

output "scheduler_role_arn" {
  description = "ARN of the EventBridge Scheduler role."
  value       = aws_iam_role.scheduler.arn
  depends_on  = [aws_iam_role_policy.scheduler]
}

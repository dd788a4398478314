output "state_machine_arn" {
  description = "ARN of the daily state machine."
  value       = aws_sfn_state_machine.daily.arn
}

output "state_machine_name" {
  description = "Name of the daily state machine."
  value       = aws_sfn_state_machine.daily.name
}

output "schedule_arn" {
  description = "ARN of the EventBridge Scheduler schedule."
  value       = aws_scheduler_schedule.daily.arn
}

output "pipeline_step_args" {
  description = "Arguments of the pipeline EMR step; @RUN_DATE@ is replaced by the run date at run time."
  value       = local.pipeline_step_args
}

output "definition" {
  description = "The rendered Amazon States Language definition (JSONata), for review and tests."
  value       = aws_sfn_state_machine.daily.definition
}

variable "environment" {
  type        = string
  description = "Environment name (dev, prod); part of every name and tagged on every resource."
}

variable "tags" {
  type        = map(string)
  description = "Extra tags merged into every resource of this module."
  default     = {}
}

variable "alert_emails" {
  type        = list(string)
  description = "E-mail addresses subscribed to the alerts topic (each must confirm the subscription mail)."
  default     = []
}

variable "state_machine_arn" {
  type        = string
  description = "ARN of the daily state machine whose executions are watched."
}

variable "sla_milliseconds" {
  type        = number
  description = "Run-time SLA of one execution; ExecutionTime above it alarms. Default 2 h."
  default     = 7200000
}

variable "metric_namespace" {
  type        = string
  description = "Custom CloudWatch namespace of the pipeline's own metrics (RunFailed)."
  default     = "EcomPipeline"
}

variable "job_log_retention_days" {
  type        = number
  description = "Retention of the job and state machine log groups, in days (a CloudWatch Logs allowed value)."
  default     = 90
}

variable "kms_deletion_window_days" {
  type        = number
  description = "Waiting period before the monitoring KMS key is deleted after a destroy (7-30 days)."
  default     = 30
}

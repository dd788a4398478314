variable "environment" {
  type        = string
  description = "Environment name (dev, prod); part of every name and tagged on every resource."
}

variable "tags" {
  type        = map(string)
  description = "Extra tags merged into every resource of this module."
  default     = {}
}

variable "state_machine_name" {
  type        = string
  description = "Name of the daily state machine (the iam module scopes the scheduler role to it)."
}

variable "state_machine_role_arn" {
  type        = string
  description = "ARN of the Step Functions execution role (iam module)."
}

variable "scheduler_role_arn" {
  type        = string
  description = "ARN of the EventBridge Scheduler role that may start the state machine (iam module)."
}

variable "emr_cluster_id" {
  type        = string
  description = "Id of the EMR cluster the steps run on."
}

variable "job_jar_s3_uri" {
  type        = string
  description = "s3:// URI of the shaded pipeline jar; the first step copies it to the primary node, because flink run takes a local jar."
}

variable "local_jar_dir" {
  type        = string
  description = "Folder on the EMR primary node the jar is copied to before flink run."
  default     = "/home/hadoop/ecom-pipeline"
}

variable "main_class" {
  type        = string
  description = "Main class of the pipeline CLI in the jar."
  default     = "io.ecompipeline.pipelines.cli.EcomCli"
}

variable "flink_run_options" {
  type        = list(string)
  description = "Options of `flink run` before -c (per-job YARN cluster by default)."
  default     = ["-m", "yarn-cluster"]
}

variable "lake_uri" {
  type        = string
  description = "Lake root passed as --lake (s3://bucket)."
}

variable "warehouse_jdbc_url" {
  type        = string
  description = "JDBC URL passed as --warehouse (jdbc:redshift://host:port/db); the run loads gold into it."
}

variable "extra_pipeline_args" {
  type        = list(string)
  description = "Further `ecom run` arguments appended after --warehouse (for example [\"--config\", \"s3://.../pipeline.yaml\"])."
  default     = []
}

variable "run_date_offset_days" {
  type        = number
  description = "Days between the scheduled time and the run date (--date). 1 = the previous UTC day, which is complete at 02:00 UTC."
  default     = 1
}

variable "alerts_topic_arn" {
  type        = string
  description = "ARN of the SNS topic for failure and success notices."
}

variable "metric_namespace" {
  type        = string
  description = "CloudWatch namespace the failure branch puts RunFailed into."
  default     = "EcomPipeline"
}

variable "state_machine_log_group_arn" {
  type        = string
  description = "ARN of the CloudWatch log group for execution logs."
}

variable "retry_max_attempts" {
  type        = number
  description = "Retries of every Task (Step Functions MaxAttempts)."
  default     = 3
}

variable "retry_interval_seconds" {
  type        = number
  description = "Wait before the first retry of a Task; later waits grow by retry_backoff_rate."
  default     = 60
}

variable "retry_backoff_rate" {
  type        = number
  description = "Exponential backoff multiplier between Task retries."
  default     = 2
}

variable "step_timeout_seconds" {
  type        = number
  description = "Timeout of one attempt of the pipeline EMR step; on timeout Step Functions cancels the step."
  default     = 10800
}

variable "execution_timeout_seconds" {
  type        = number
  description = "Timeout of a whole execution (retries included); a timed-out execution raises the ExecutionsTimedOut alarm."
  default     = 21600
}

variable "schedule_expression" {
  type        = string
  description = "When EventBridge Scheduler starts the run."
  default     = "cron(0 2 * * ? *)"
}

variable "schedule_timezone" {
  type        = string
  description = "Time zone of schedule_expression."
  default     = "UTC"
}

variable "schedule_enabled" {
  type        = bool
  description = "Whether the daily schedule is ENABLED (false leaves it DISABLED, e.g. in dev)."
  default     = true
}

variable "schedule_retry_attempts" {
  type        = number
  description = "How often Scheduler retries a failed StartExecution."
  default     = 3
}

variable "schedule_max_event_age_seconds" {
  type        = number
  description = "How long Scheduler keeps retrying a failed StartExecution."
  default     = 3600
}

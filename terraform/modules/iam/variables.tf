variable "environment" {
  type        = string
  description = "Environment name (dev, prod); part of every role name and tagged on every resource."
}

variable "tags" {
  type        = map(string)
  description = "Extra tags merged into every resource of this module."
  default     = {}
}

variable "lake_bucket_arn" {
  type        = string
  description = "ARN of the lake bucket."
}

variable "lake_kms_key_arn" {
  type        = string
  description = "ARN of the KMS key that encrypts the lake (and EMR local disks)."
}

variable "job_jar_s3_uri" {
  type        = string
  description = "s3:// URI of the shaded pipeline jar that the EMR step runs; the instance profile may read this one object."

  validation {
    condition     = startswith(var.job_jar_s3_uri, "s3://")
    error_message = "job_jar_s3_uri must be an s3:// URI."
  }
}

variable "emr_cluster_arn" {
  type        = string
  description = "ARN of the EMR cluster the Step Functions role may add, describe and cancel steps on."
}

variable "state_machine_arn" {
  type        = string
  description = "ARN of the daily state machine the scheduler role may start."
}

variable "alerts_topic_arn" {
  type        = string
  description = "ARN of the SNS alerts topic the Step Functions role publishes to."
}

variable "alerts_kms_key_arn" {
  type        = string
  description = "ARN of the KMS key that encrypts the alerts topic (publishers need GenerateDataKey/Decrypt on it)."
}

variable "job_log_group_arn" {
  type        = string
  description = "ARN of the CloudWatch log group the job writes to."
}

variable "metric_namespace" {
  type        = string
  description = "The only CloudWatch namespace the job and the state machine may put custom metrics in."
  default     = "EcomPipeline"
}

variable "redshift_workgroup_arn" {
  type        = string
  description = "ARN of the Redshift Serverless workgroup the loader connects to."
}

variable "redshift_admin_secret_arn" {
  type        = string
  description = "ARN of the Secrets Manager secret holding the Redshift admin password (managed by Redshift); the loader may read only this secret."
}

variable "redshift_kms_key_arn" {
  type        = string
  description = "ARN of the KMS key that encrypts the Redshift namespace and its admin secret."
}

variable "readable_prefixes" {
  type        = list(string)
  description = "Lake prefixes the job only reads (bronze is never modified by the pipeline)."
  default     = ["bronze/"]
}

variable "writable_prefixes" {
  type        = list(string)
  description = "Lake prefixes the job reads and writes (write aside under _staging/<date>/, then commit, so it also deletes)."
  default     = ["silver/", "gold/", "quarantine/", "_runs/", "_staging/"]
}

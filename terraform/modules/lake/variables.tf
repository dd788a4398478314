variable "bucket_name" {
  type        = string
  description = "Globally unique name of the lake bucket (the root given to the pipeline as --lake s3://<bucket_name>)."
}

variable "environment" {
  type        = string
  description = "Environment name (dev, prod); tagged on every resource."
}

variable "tags" {
  type        = map(string)
  description = "Extra tags merged into every resource of this module."
  default     = {}
}

variable "retention_days" {
  type = object({
    bronze     = optional(number, 30)
    quarantine = optional(number, 90)
    silver     = optional(number, 365)
    gold       = optional(number, 1825)
    runs       = optional(number, 1825)
    emr_logs   = optional(number, 30)
  })
  description = "Days after which current objects expire, per lake layer (CONTRACT.md section 1: bronze 30, quarantine 90, silver 365, gold and _runs 5 years). _emr-logs is not a lake layer but lives in the same bucket."
  default     = {}

  validation {
    condition     = alltrue([for d in values(var.retention_days) : d >= 1])
    error_message = "Every retention must be at least 1 day."
  }
}

variable "noncurrent_version_expiration_days" {
  type        = number
  description = "Days a replaced or deleted object version is kept (versioning is on so a bad publish can be rolled back); after that it is removed for good."
  default     = 30
}

variable "kms_deletion_window_days" {
  type        = number
  description = "Waiting period before the lake KMS key is deleted after a destroy (7-30 days)."
  default     = 30
}

variable "force_destroy" {
  type        = bool
  description = "Let terraform destroy a non-empty bucket. Keep false outside throwaway dev stacks."
  default     = false
}

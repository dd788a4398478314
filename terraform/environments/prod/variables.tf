variable "aws_region" {
  type        = string
  description = "AWS region of the whole stack."
}

variable "lake_bucket_name" {
  type        = string
  description = "Globally unique name of the lake bucket."
}

variable "vpc_id" {
  type        = string
  description = "VPC that holds the EMR cluster and the Redshift workgroup."
}

variable "emr_subnet_ids" {
  type        = list(string)
  description = "Private subnets for the EMR instance fleets (tagged for-use-with-amazon-emr-managed-policies=true, with an S3 gateway endpoint)."
}

variable "redshift_subnet_ids" {
  type        = list(string)
  description = "Private subnets for the Redshift Serverless workgroup, in at least three Availability Zones."
}

variable "job_jar_s3_uri" {
  type        = string
  description = "s3:// URI of the shaded pipeline jar to run."
}

variable "alert_emails" {
  type        = list(string)
  description = "E-mail addresses that receive alarms and run notices."
  default     = []
}

variable "emr_release_label" {
  type        = string
  description = "EMR release; must ship Flink 1.19 for Beam 2.62.0 (emr-7.2.0..emr-7.6.0). See modules/emr."
  default     = "emr-7.6.0"
}

variable "schedule_enabled" {
  type        = bool
  description = "Whether the daily 02:00 UTC run is scheduled in this environment."
  default     = true
}

variable "extra_tags" {
  type        = map(string)
  description = "Extra tags on every resource (cost centre, owner)."
  default     = {}
}

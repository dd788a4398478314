variable "environment" {
  type        = string
  description = "Environment name (dev, prod); part of every name and tagged on every resource."
}

variable "tags" {
  type        = map(string)
  description = "Extra tags merged into every resource of this module."
  default     = {}
}

variable "lake_bucket_arn" {
  type        = string
  description = "ARN of the lake bucket COPY reads gold and manifests from."
}

variable "lake_kms_key_arn" {
  type        = string
  description = "ARN of the lake KMS key (COPY must decrypt the SSE-KMS objects it reads)."
}

variable "database_name" {
  type        = string
  description = "Database created in the namespace; the pipeline loads schema analytics in it."
  default     = "ecom"
}

variable "admin_username" {
  type        = string
  description = "Admin user name. Its password is generated and kept by Redshift in Secrets Manager (manage_admin_password); it is never a literal here."
  default     = "ecom_admin"
}

variable "base_capacity_rpu" {
  type        = number
  description = "Base capacity of the workgroup in Redshift Processing Units (8-1024, multiples of 8)."
  default     = 8

  validation {
    condition     = var.base_capacity_rpu >= 8 && var.base_capacity_rpu % 8 == 0
    error_message = "base_capacity_rpu must be a multiple of 8, at least 8."
  }
}

variable "max_capacity_rpu" {
  type        = number
  description = "Upper bound of RPUs the workgroup may scale to (cost guard)."
  default     = 64
}

variable "vpc_id" {
  type        = string
  description = "VPC of the workgroup."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets of the workgroup (Redshift Serverless wants subnets in at least three Availability Zones)."
}

variable "allowed_security_groups" {
  type        = map(string)
  description = "Security groups allowed to reach the workgroup on its port (the EMR nodes that run the loader), keyed by a static name so the ids may be unknown until apply."
  default     = {}
}

variable "port" {
  type        = number
  description = "Port of the workgroup endpoint."
  default     = 5439
}

variable "manifest_prefix_pattern" {
  type        = string
  description = "Key pattern of the COPY manifests the loader writes, under the run folder."
  default     = "_runs/*/manifests/*"
}

variable "kms_deletion_window_days" {
  type        = number
  description = "Waiting period before the warehouse KMS key is deleted after a destroy (7-30 days)."
  default     = 30
}

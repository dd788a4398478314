variable "environment" {
  type        = string
  description = "Environment name (dev, prod); part of every name and tagged on every resource."
}

variable "tags" {
  type        = map(string)
  description = "Extra tags merged into every resource of this module."
  default     = {}
}

variable "release_label" {
  type        = string
  description = <<-EOT
    Amazon EMR release. The Flink on the cluster must have the same minor version as the Beam
    Flink runner in the job jar: Beam 2.62.0 with beam-runners-flink-1.19 needs Flink 1.19.x.
    Per the EMR release guide, emr-7.2.0 .. emr-7.6.0 ship Flink 1.19.x (emr-7.5.0 and
    emr-7.6.0: Flink 1.19.1) and emr-7.7.0 .. emr-7.13.0 ship Flink 1.20. Default emr-7.6.0,
    the newest 1.19 release; re-check it against the EMR release guide's component versions
    before every change. Upgrade path: move the jar to a Beam release with
    beam-runners-flink-1.20, set beam_flink_minor = "1.20", then pick an emr-7.7+ label.
  EOT
  default     = "emr-7.6.0"

  validation {
    condition     = can(regex("^emr-[0-9]+\\.[0-9]+\\.[0-9]+$", var.release_label))
    error_message = "release_label must look like emr-X.Y.Z, e.g. emr-7.6.0."
  }
}

variable "beam_flink_minor" {
  type        = string
  description = "Flink minor version the job jar's Beam runner is built for (beam-runners-flink-<minor>). The cluster's release_label must ship the same Flink minor; a plan fails otherwise."
  default     = "1.19"

  validation {
    condition     = contains(["1.19", "1.20"], var.beam_flink_minor)
    error_message = "beam_flink_minor must be 1.19 (Beam 2.62.0 today) or 1.20 (after a Beam upgrade)."
  }
}

variable "vpc_id" {
  type        = string
  description = "VPC of the cluster; its security groups are created here."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets the instance fleets may launch in (EMR picks one). Tag them for-use-with-amazon-emr-managed-policies=true for AmazonEMRServicePolicy_v2, and give them an S3 gateway endpoint."

  validation {
    condition     = length(var.subnet_ids) > 0
    error_message = "At least one subnet is needed."
  }
}

variable "service_role_arn" {
  type        = string
  description = "ARN of the EMR service role (iam module)."
}

variable "instance_profile_arn" {
  type        = string
  description = "ARN of the EC2 instance profile of the nodes (iam module)."
}

variable "log_uri" {
  type        = string
  description = "S3 URI for cluster logs: _emr-logs/ in the lake bucket."
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key for EMRFS SSE-KMS, local disk and EBS encryption and log encryption (the lake key)."
}

variable "job_jar_s3_uri" {
  type        = string
  description = "s3:// URI of the shaded pipeline jar (mvn package of module pipelines, uploaded by the release process). Passed through to the orchestration step."

  validation {
    condition     = can(regex("^s3://[^/]+/.+\\.jar$", var.job_jar_s3_uri))
    error_message = "job_jar_s3_uri must be s3://bucket/key.jar."
  }
}

variable "master_instance_types" {
  type        = list(string)
  description = "Instance types the primary (master) fleet may use; one on-demand node."
  default     = ["m6g.xlarge", "m5.xlarge"]
}

variable "core_instance_types" {
  type        = list(string)
  description = "Instance types for the on-demand core fleet (YARN + HDFS)."
  default     = ["r6g.xlarge", "r5.xlarge"]
}

variable "core_capacity_units" {
  type        = number
  description = "On-demand capacity units of the core fleet (one unit per instance)."
  default     = 2
}

variable "task_instance_types" {
  type        = list(string)
  description = "Instance types for the spot task fleet; several types make spot capacity easier to get."
  default     = ["r6g.xlarge", "r5.xlarge", "r5a.xlarge", "r6i.xlarge"]
}

variable "task_spot_capacity_units" {
  type        = number
  description = "Initial spot capacity of the task fleet; managed scaling changes it afterwards."
  default     = 0
}

variable "max_capacity_units" {
  type        = number
  description = "Managed scaling ceiling for core + task capacity units; everything above core_capacity_units is spot task capacity."
  default     = 10

  validation {
    condition     = var.max_capacity_units >= 1
    error_message = "max_capacity_units must be at least 1."
  }
}

variable "ebs_volume_size_gb" {
  type        = number
  description = "gp3 EBS volume size per core/task node (Flink spill, YARN local dirs)."
  default     = 64
}

variable "flink_conf" {
  type        = map(string)
  description = "Properties for the flink-conf classification on the cluster."
  default = {
    "taskmanager.numberOfTaskSlots" = "2"
    "parallelism.default"           = "4"
  }
}

variable "ec2_key_name" {
  type        = string
  description = "Optional EC2 key pair for SSH to the primary node; null means no SSH key (use SSM)."
  default     = null
}

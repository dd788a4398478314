locals {
  tags = merge(var.tags, {
    project     = "ecom-pipeline"
    environment = var.environment
    module      = "emr"
  })

  # Tag AmazonEMRServicePolicy_v2 requires on the resources the service role touches.
  emr_managed_tag = { "for-use-with-amazon-emr-managed-policies" = "true" }

  name = "ecom-pipeline-${var.environment}"

  # Flink minor shipped by each EMR 7 release, from the EMR release guide (component
  # versions). Re-check before adding a release; unknown releases fail the precondition.
  flink_minor_by_release = {
    "emr-7.2.0"  = "1.19"
    "emr-7.3.0"  = "1.19"
    "emr-7.4.0"  = "1.19"
    "emr-7.5.0"  = "1.19"
    "emr-7.6.0"  = "1.19"
    "emr-7.7.0"  = "1.20"
    "emr-7.8.0"  = "1.20"
    "emr-7.9.0"  = "1.20"
    "emr-7.10.0" = "1.20"
    "emr-7.11.0" = "1.20"
    "emr-7.12.0" = "1.20"
    "emr-7.13.0" = "1.20"
  }
  cluster_flink_minor = lookup(local.flink_minor_by_release, var.release_label, "unknown")
}

resource "aws_security_group" "primary" {
  name                   = "${local.name}-emr-primary"
  description            = "EMR managed security group of the primary node; EMR manages the rules"
  vpc_id                 = var.vpc_id
  revoke_rules_on_delete = true
  tags                   = merge(local.tags, local.emr_managed_tag)

  lifecycle {
    ignore_changes = [ingress, egress]
  }
}

resource "aws_security_group" "workers" {
  name                   = "${local.name}-emr-workers"
  description            = "EMR managed security group of core and task nodes; EMR manages the rules"
  vpc_id                 = var.vpc_id
  revoke_rules_on_delete = true
  tags                   = merge(local.tags, local.emr_managed_tag)

  lifecycle {
    ignore_changes = [ingress, egress]
  }
}

resource "aws_security_group" "service_access" {
  name                   = "${local.name}-emr-service-access"
  description            = "EMR service access security group (private subnets); EMR manages the rules"
  vpc_id                 = var.vpc_id
  revoke_rules_on_delete = true
  tags                   = merge(local.tags, local.emr_managed_tag)

  lifecycle {
    ignore_changes = [ingress, egress]
  }
}

resource "aws_emr_security_configuration" "this" {
  name = "${local.name}-emr"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableInTransitEncryption = false
      EnableAtRestEncryption    = true
      AtRestEncryptionConfiguration = {
        S3EncryptionConfiguration = {
          EncryptionMode = "SSE-KMS"
          AwsKmsKey      = var.kms_key_arn
        }
        LocalDiskEncryptionConfiguration = {
          EncryptionKeyProviderType = "AwsKms"
          AwsKmsKey                 = var.kms_key_arn
          EnableEbsEncryption       = true
        }
      }
    }
    InstanceMetadataServiceConfiguration = {
      MinimumInstanceMetadataServiceVersion = 2
      HttpPutResponseHopLimit               = 2
    }
  })
}

resource "aws_emr_cluster" "this" {
  name          = local.name
  release_label = var.release_label
  # Flink runs on YARN, which comes with Hadoop.
  applications = ["Flink", "Hadoop"]

  service_role              = var.service_role_arn
  security_configuration    = aws_emr_security_configuration.this.name
  log_uri                   = var.log_uri
  log_encryption_kms_key_id = var.kms_key_arn

  # A long-running cluster: the state machine adds one step a day and managed scaling
  # shrinks it to the core fleet in between. One pipeline step at a time.
  keep_job_flow_alive_when_no_steps = true
  termination_protection            = var.environment == "prod"
  step_concurrency_level            = 1

  ec2_attributes {
    subnet_ids                        = var.subnet_ids
    instance_profile                  = var.instance_profile_arn
    emr_managed_master_security_group = aws_security_group.primary.id
    emr_managed_slave_security_group  = aws_security_group.workers.id
    service_access_security_group     = aws_security_group.service_access.id
    key_name                          = var.ec2_key_name
  }

  master_instance_fleet {
    name                      = "primary"
    target_on_demand_capacity = 1

    dynamic "instance_type_configs" {
      for_each = var.master_instance_types
      content {
        instance_type = instance_type_configs.value
      }
    }
  }

  core_instance_fleet {
    name                      = "core-on-demand"
    target_on_demand_capacity = var.core_capacity_units

    dynamic "instance_type_configs" {
      for_each = var.core_instance_types
      content {
        instance_type     = instance_type_configs.value
        weighted_capacity = 1

        ebs_config {
          size                 = var.ebs_volume_size_gb
          type                 = "gp3"
          volumes_per_instance = 1
        }
      }
    }

    launch_specifications {
      on_demand_specification {
        allocation_strategy = "lowest-price"
      }
    }
  }

  configurations_json = jsonencode([
    {
      Classification = "flink-conf"
      Properties     = var.flink_conf
    },
  ])

  tags = merge(local.tags, local.emr_managed_tag)

  lifecycle {
    # Steps are added by Step Functions at run time, not by terraform.
    ignore_changes = [step]

    precondition {
      condition     = local.cluster_flink_minor == var.beam_flink_minor
      error_message = "EMR ${var.release_label} ships Flink ${local.cluster_flink_minor}, but the job jar's Beam runner is beam-runners-flink-${var.beam_flink_minor}. The minors must match: keep an EMR release with Flink ${var.beam_flink_minor} (emr-7.2.0..emr-7.6.0 for 1.19), or upgrade Beam to a beam-runners-flink-1.20 release and set beam_flink_minor = \"1.20\" for emr-7.7.0+. Add new releases to flink_minor_by_release after checking the EMR release guide."
    }
  }
}

# Spot task fleet: the elastic part of the cluster. Managed scaling owns its size.
resource "aws_emr_instance_fleet" "task" {
  cluster_id                = aws_emr_cluster.this.id
  name                      = "task-spot"
  target_on_demand_capacity = 0
  target_spot_capacity      = var.task_spot_capacity_units

  dynamic "instance_type_configs" {
    for_each = var.task_instance_types
    content {
      instance_type                              = instance_type_configs.value
      weighted_capacity                          = 1
      bid_price_as_percentage_of_on_demand_price = 100

      ebs_config {
        size                 = var.ebs_volume_size_gb
        type                 = "gp3"
        volumes_per_instance = 1
      }
    }
  }

  launch_specifications {
    spot_specification {
      allocation_strategy      = "capacity-optimized"
      timeout_action           = "SWITCH_TO_ON_DEMAND"
      timeout_duration_minutes = 10
    }
  }

  lifecycle {
    ignore_changes = [target_spot_capacity, target_on_demand_capacity]
  }
}

resource "aws_emr_managed_scaling_policy" "this" {
  cluster_id = aws_emr_cluster.this.id

  compute_limits {
    unit_type              = "InstanceFleetUnits"
    minimum_capacity_units = var.core_capacity_units
    maximum_capacity_units = max(var.max_capacity_units, var.core_capacity_units)
    # Only the core fleet is on demand and it does not scale: growth is spot task nodes.
    maximum_ondemand_capacity_units = var.core_capacity_units
    maximum_core_capacity_units     = var.core_capacity_units
  }
}

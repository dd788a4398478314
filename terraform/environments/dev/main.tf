locals {
  environment        = "dev"
  name               = "ecom-pipeline-${local.environment}"
  state_machine_name = "${local.name}-daily"

  tags = merge(var.extra_tags, {
    project     = "ecom-pipeline"
    environment = local.environment
  })
}

module "lake" {
  source = "../../modules/lake"

  environment = local.environment
  tags        = local.tags
  bucket_name = var.lake_bucket_name
  # dev keeps less history than the contract's production retention.
  retention_days = {
    bronze     = 7
    quarantine = 14
    silver     = 30
    gold       = 90
    runs       = 90
    emr_logs   = 14
  }
  noncurrent_version_expiration_days = 7
  force_destroy                      = true
}

module "iam" {
  source = "../../modules/iam"

  environment               = local.environment
  tags                      = local.tags
  lake_bucket_arn           = module.lake.bucket_arn
  lake_kms_key_arn          = module.lake.kms_key_arn
  job_jar_s3_uri            = var.job_jar_s3_uri
  emr_cluster_arn           = module.emr.cluster_arn
  state_machine_arn         = module.orchestration.state_machine_arn
  alerts_topic_arn          = module.monitoring.alerts_topic_arn
  alerts_kms_key_arn        = module.monitoring.kms_key_arn
  job_log_group_arn         = module.monitoring.job_log_group_arn
  redshift_workgroup_arn    = module.redshift.workgroup_arn
  redshift_admin_secret_arn = module.redshift.admin_secret_arn
  redshift_kms_key_arn      = module.redshift.kms_key_arn
}

module "emr" {
  source = "../../modules/emr"

  environment              = local.environment
  tags                     = local.tags
  release_label            = var.emr_release_label
  vpc_id                   = var.vpc_id
  subnet_ids               = var.emr_subnet_ids
  service_role_arn         = module.iam.emr_service_role_arn
  instance_profile_arn     = module.iam.emr_instance_profile_arn
  log_uri                  = module.lake.emr_log_uri
  kms_key_arn              = module.lake.kms_key_arn
  job_jar_s3_uri           = var.job_jar_s3_uri
  core_capacity_units      = 1
  task_spot_capacity_units = 0
  max_capacity_units       = 4
}

module "redshift" {
  source = "../../modules/redshift"

  environment       = local.environment
  tags              = local.tags
  lake_bucket_arn   = module.lake.bucket_arn
  lake_kms_key_arn  = module.lake.kms_key_arn
  vpc_id            = var.vpc_id
  subnet_ids        = var.redshift_subnet_ids
  base_capacity_rpu = 8
  max_capacity_rpu  = 16
  allowed_security_groups = {
    emr-primary = module.emr.primary_security_group_id
    emr-workers = module.emr.workers_security_group_id
  }
}

module "monitoring" {
  source = "../../modules/monitoring"

  environment            = local.environment
  tags                   = local.tags
  alert_emails           = var.alert_emails
  state_machine_arn      = module.orchestration.state_machine_arn
  job_log_retention_days = 14
}

module "orchestration" {
  source = "../../modules/orchestration"

  environment                 = local.environment
  tags                        = local.tags
  state_machine_name          = local.state_machine_name
  state_machine_role_arn      = module.iam.step_functions_role_arn
  scheduler_role_arn          = module.iam.scheduler_role_arn
  emr_cluster_id              = module.emr.cluster_id
  job_jar_s3_uri              = module.emr.job_jar_s3_uri
  lake_uri                    = module.lake.lake_uri
  warehouse_jdbc_url          = module.redshift.jdbc_url
  alerts_topic_arn            = module.monitoring.alerts_topic_arn
  state_machine_log_group_arn = module.monitoring.state_machine_log_group_arn
  schedule_enabled            = var.schedule_enabled
}

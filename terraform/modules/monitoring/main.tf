data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  tags = merge(var.tags, {
    project     = "ecom-pipeline"
    environment = var.environment
    module      = "monitoring"
  })

  name    = "ecom-pipeline-${var.environment}"
  account = data.aws_caller_identity.current.account_id
  region  = data.aws_region.current.name
}

# A customer managed key: CloudWatch alarms cannot publish to a topic encrypted with the
# AWS managed aws/sns key, and CloudWatch Logs needs a key policy grant to encrypt.
data "aws_iam_policy_document" "key" {
  statement {
    sid       = "AccountAdministersKeyAndIamDecides"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${local.account}:root"]
    }
  }

  statement {
    sid       = "CloudWatchAlarmsPublish"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }

  statement {
    sid       = "CloudWatchLogsEncrypt"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${local.region}.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${data.aws_partition.current.partition}:logs:${local.region}:${local.account}:log-group:/ecom-pipeline/${var.environment}/*"]
    }
  }
}

resource "aws_kms_key" "monitoring" {
  description             = "ecom-pipeline ${var.environment} alerts topic and log groups"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_days
  policy                  = data.aws_iam_policy_document.key.json
  tags                    = local.tags
}

resource "aws_kms_alias" "monitoring" {
  name          = "alias/ecom-pipeline-${var.environment}-monitoring"
  target_key_id = aws_kms_key.monitoring.key_id
}

resource "aws_sns_topic" "alerts" {
  name              = "${local.name}-alerts"
  kms_master_key_id = aws_kms_key.monitoring.arn
  tags              = local.tags
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alert_emails)

  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_cloudwatch_log_group" "job" {
  name              = "/ecom-pipeline/${var.environment}/job"
  retention_in_days = var.job_log_retention_days
  kms_key_id        = aws_kms_key.monitoring.arn
  tags              = local.tags
}

resource "aws_cloudwatch_log_group" "state_machine" {
  name              = "/ecom-pipeline/${var.environment}/state-machine"
  retention_in_days = var.job_log_retention_days
  kms_key_id        = aws_kms_key.monitoring.arn
  tags              = local.tags
}

locals {
  # Step Functions execution metrics, one alarm each; any occurrence in a 5-minute period.
  sfn_alarms = {
    executions-failed = {
      metric      = "ExecutionsFailed"
      statistic   = "Sum"
      threshold   = 0
      description = "A daily ecom-pipeline run failed (see the execution history and the failure e-mail)."
    }
    executions-timed-out = {
      metric      = "ExecutionsTimedOut"
      statistic   = "Sum"
      threshold   = 0
      description = "A daily ecom-pipeline run hit the state machine timeout."
    }
    sla-breached = {
      metric      = "ExecutionTime"
      statistic   = "Maximum"
      threshold   = var.sla_milliseconds
      description = "A daily ecom-pipeline run took longer than the SLA (${var.sla_milliseconds} ms)."
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "sfn" {
  for_each = local.sfn_alarms

  alarm_name          = "${local.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = "AWS/States"
  metric_name         = each.value.metric
  dimensions          = { StateMachineArn = var.state_machine_arn }
  statistic           = each.value.statistic
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  tags                = local.tags
}

# RunFailed is put by the state machine's failure branch (and may be put by the job).
resource "aws_cloudwatch_metric_alarm" "run_failed" {
  alarm_name          = "${local.name}-run-failed"
  alarm_description   = "The pipeline reported RunFailed in namespace ${var.metric_namespace}."
  namespace           = var.metric_namespace
  metric_name         = "RunFailed"
  dimensions          = { Environment = var.environment }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  tags                = local.tags
}

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  tags = merge(var.tags, {
    project     = "ecom-pipeline"
    environment = var.environment
    module      = "iam"
  })

  name      = "ecom-pipeline-${var.environment}"
  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.name
  account   = data.aws_caller_identity.current.account_id

  job_jar_object_arn = "arn:${local.partition}:s3:::${trimprefix(var.job_jar_s3_uri, "s3://")}"
}

# ---------------------------------------------------------------------------------------
# EMR service role. AmazonEMRServicePolicy_v2 is AWS's scoped service policy: it only acts
# on VPC resources tagged for-use-with-amazon-emr-managed-policies=true (the emr module tags
# its security groups; tag the subnets too). It also covers managed scaling.
# ---------------------------------------------------------------------------------------
data "aws_iam_policy_document" "emr_service_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["elasticmapreduce.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

resource "aws_iam_role" "emr_service" {
  name               = "${local.name}-emr-service"
  description        = "EMR service role for the ecom-pipeline ${var.environment} cluster"
  assume_role_policy = data.aws_iam_policy_document.emr_service_trust.json
  tags               = local.tags
}

resource "aws_iam_role_policy_attachment" "emr_service" {
  role       = aws_iam_role.emr_service.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2"
}

data "aws_iam_policy_document" "emr_service_extra" {
  statement {
    sid       = "PassOnlyOurInstanceRole"
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.emr_ec2.arn]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ec2.amazonaws.com"]
    }
  }

  # Local-disk / EBS encryption with the lake key (emr module security configuration).
  statement {
    sid = "EbsEncryptionWithLakeKey"
    actions = [
      "kms:CreateGrant",
      "kms:ListGrants",
      "kms:RevokeGrant",
      "kms:Encrypt",
      "kms:Decrypt",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:DescribeKey",
    ]
    resources = [var.lake_kms_key_arn]
  }
}

resource "aws_iam_role_policy" "emr_service_extra" {
  name   = "pass-role-and-kms"
  role   = aws_iam_role.emr_service.id
  policy = data.aws_iam_policy_document.emr_service_extra.json
}

# ---------------------------------------------------------------------------------------
# EC2 instance profile of the cluster nodes: what the Beam job on Flink can do.
# ---------------------------------------------------------------------------------------
data "aws_iam_policy_document" "ec2_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "emr_ec2" {
  name               = "${local.name}-emr-ec2"
  description        = "Instance role of the ecom-pipeline ${var.environment} EMR nodes (the Beam job)"
  assume_role_policy = data.aws_iam_policy_document.ec2_trust.json
  tags               = local.tags
}

resource "aws_iam_instance_profile" "emr_ec2" {
  name = "${local.name}-emr-ec2"
  role = aws_iam_role.emr_ec2.name
  tags = local.tags
}

data "aws_iam_policy_document" "emr_ec2" {
  statement {
    sid       = "ListLakePrefixes"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [var.lake_bucket_arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values = concat(
        [for p in concat(var.readable_prefixes, var.writable_prefixes) : "${p}*"],
        [for p in concat(var.readable_prefixes, var.writable_prefixes) : trimsuffix(p, "/")],
      )
    }
  }

  statement {
    sid       = "ReadBronze"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = [for p in var.readable_prefixes : "${var.lake_bucket_arn}/${p}*"]
  }

  statement {
    sid = "ReadWriteSilverGoldQuarantineRuns"
    actions = [
      "s3:GetObject",
      "s3:PutObject",
      "s3:DeleteObject",
      "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts",
    ]
    resources = [for p in var.writable_prefixes : "${var.lake_bucket_arn}/${p}*"]
  }

  statement {
    sid       = "ListMultipartUploads"
    actions   = ["s3:ListBucketMultipartUploads"]
    resources = [var.lake_bucket_arn]
  }

  statement {
    sid       = "PushEmrLogs"
    actions   = ["s3:PutObject"]
    resources = ["${var.lake_bucket_arn}/_emr-logs/*"]
  }

  statement {
    sid       = "ReadJobJar"
    actions   = ["s3:GetObject"]
    resources = [local.job_jar_object_arn]
  }

  # EMR nodes fetch bootstrap artefacts from the regional EMR buckets.
  statement {
    sid     = "ReadEmrRegionalArtifacts"
    actions = ["s3:GetObject"]
    resources = [
      "arn:${local.partition}:s3:::${local.region}.elasticmapreduce/*",
      "arn:${local.partition}:s3:::elasticmapreduce/*",
    ]
  }

  statement {
    sid = "UseLakeKey"
    actions = [
      "kms:Decrypt",
      "kms:Encrypt",
      "kms:GenerateDataKey*",
      "kms:DescribeKey",
    ]
    resources = [var.lake_kms_key_arn]
  }

  statement {
    sid       = "PutPipelineMetrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = [var.metric_namespace]
    }
  }

  statement {
    sid       = "WriteJobLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = [var.job_log_group_arn, "${var.job_log_group_arn}:log-stream:*"]
  }

  statement {
    sid       = "AssumeLoaderRole"
    actions   = ["sts:AssumeRole"]
    resources = [aws_iam_role.loader.arn]
  }
}

resource "aws_iam_role_policy" "emr_ec2" {
  name   = "lake-job"
  role   = aws_iam_role.emr_ec2.id
  policy = data.aws_iam_policy_document.emr_ec2.json
}

# ---------------------------------------------------------------------------------------
# Loader role: the warehouse load (COPY of gold into Redshift, load_audit rows). Assumed by
# the job on the EMR nodes; reads exactly one secret, or gets IAM database credentials.
# The COPY itself reads S3 through the Redshift namespace role (redshift module).
# ---------------------------------------------------------------------------------------
data "aws_iam_policy_document" "loader_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.emr_ec2.arn]
    }
  }
}

resource "aws_iam_role" "loader" {
  name                 = "${local.name}-loader"
  description          = "Loads gold into Redshift for ecom-pipeline ${var.environment}"
  assume_role_policy   = data.aws_iam_policy_document.loader_trust.json
  max_session_duration = 3600
  tags                 = local.tags
}

data "aws_iam_policy_document" "loader" {
  statement {
    sid       = "ReadAdminSecret"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [var.redshift_admin_secret_arn]
  }

  statement {
    sid       = "DecryptAdminSecret"
    actions   = ["kms:Decrypt"]
    resources = [var.redshift_kms_key_arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${local.region}.amazonaws.com"]
    }
  }

  statement {
    sid       = "ServerlessIamCredentials"
    actions   = ["redshift-serverless:GetCredentials"]
    resources = [var.redshift_workgroup_arn]
  }

  statement {
    sid = "DataApiOnWorkgroup"
    actions = [
      "redshift-data:ExecuteStatement",
      "redshift-data:BatchExecuteStatement",
    ]
    resources = [var.redshift_workgroup_arn]
  }

  # Statement ids are scoped to the caller by the Data API itself.
  statement {
    sid = "DataApiStatements"
    actions = [
      "redshift-data:DescribeStatement",
      "redshift-data:GetStatementResult",
      "redshift-data:CancelStatement",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "loader" {
  name   = "redshift-load"
  role   = aws_iam_role.loader.id
  policy = data.aws_iam_policy_document.loader.json
}

# ---------------------------------------------------------------------------------------
# Step Functions role: run steps on the one cluster, publish to the one topic.
# ---------------------------------------------------------------------------------------
data "aws_iam_policy_document" "sfn_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["states.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

resource "aws_iam_role" "step_functions" {
  name               = "${local.name}-sfn"
  description        = "Role of the ecom-pipeline ${var.environment} daily state machine"
  assume_role_policy = data.aws_iam_policy_document.sfn_trust.json
  tags               = local.tags
}

data "aws_iam_policy_document" "step_functions" {
  statement {
    sid = "StepsOnTheCluster"
    actions = [
      "elasticmapreduce:AddJobFlowSteps",
      "elasticmapreduce:DescribeStep",
      "elasticmapreduce:CancelSteps",
    ]
    resources = [var.emr_cluster_arn]
  }

  # addStep.sync waits through a Step Functions managed EventBridge rule.
  statement {
    sid     = "SyncIntegrationRule"
    actions = ["events:PutTargets", "events:PutRule", "events:DescribeRule"]
    resources = [
      "arn:${local.partition}:events:${local.region}:${local.account}:rule/StepFunctionsGetEventForEMRAddJobFlowStepsRule",
    ]
  }

  statement {
    sid       = "PublishAlerts"
    actions   = ["sns:Publish"]
    resources = [var.alerts_topic_arn]
  }

  statement {
    sid       = "EncryptAlerts"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = [var.alerts_kms_key_arn]
  }

  statement {
    sid       = "RunFailedMetric"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = [var.metric_namespace]
    }
  }

  # Execution logging to CloudWatch Logs; these log-delivery actions do not support
  # resource-level permissions.
  statement {
    sid = "ExecutionLogDelivery"
    actions = [
      "logs:CreateLogDelivery",
      "logs:GetLogDelivery",
      "logs:UpdateLogDelivery",
      "logs:DeleteLogDelivery",
      "logs:ListLogDeliveries",
      "logs:PutResourcePolicy",
      "logs:DescribeResourcePolicies",
      "logs:DescribeLogGroups",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "step_functions" {
  name   = "run-pipeline"
  role   = aws_iam_role.step_functions.id
  policy = data.aws_iam_policy_document.step_functions.json
}

# ---------------------------------------------------------------------------------------
# EventBridge Scheduler role: start the one state machine.
# ---------------------------------------------------------------------------------------
data "aws_iam_policy_document" "scheduler_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${local.name}-scheduler"
  description        = "EventBridge Scheduler role that starts the ecom-pipeline ${var.environment} daily run"
  assume_role_policy = data.aws_iam_policy_document.scheduler_trust.json
  tags               = local.tags
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "StartDailyRun"
    actions   = ["states:StartExecution"]
    resources = [var.state_machine_arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "start-state-machine"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}

locals {
  tags = merge(var.tags, {
    project     = "ecom-pipeline"
    environment = var.environment
    module      = "orchestration"
  })

  local_jar = "${var.local_jar_dir}/${basename(var.job_jar_s3_uri)}"

  # Placeholder replaced by the run date inside the state machine.
  run_date_token = "@RUN_DATE@"

  # The pipeline step: flink run -m yarn-cluster -c <main> <jar> run --runner flink
  #   --lake s3://... --date <run date> --warehouse jdbc:redshift://... [extra]
  pipeline_step_args = concat(
    ["flink", "run"],
    var.flink_run_options,
    ["-c", var.main_class, local.local_jar],
    ["run", "--runner", "flink", "--lake", var.lake_uri, "--date", local.run_date_token, "--warehouse", var.warehouse_jdbc_url],
    var.extra_pipeline_args,
  )

  fetch_jar_args = ["aws", "s3", "cp", var.job_jar_s3_uri, local.local_jar]

  retry = [{
    ErrorEquals     = ["States.ALL"]
    MaxAttempts     = var.retry_max_attempts
    IntervalSeconds = var.retry_interval_seconds
    BackoffRate     = var.retry_backoff_rate
  }]

  # JSONata: the run date is taken from the input if given (manual re-runs, backfills),
  # else the scheduled time (or the execution start) minus run_date_offset_days, as UTC.
  run_date_expr = join("", [
    "{% $exists($states.input.runDate) ? $states.input.runDate : ",
    "$fromMillis($toMillis($exists($states.input.scheduledTime) ? $states.input.scheduledTime : $states.context.Execution.StartTime)",
    " - ${var.run_date_offset_days * 86400000}, '[Y0001]-[M01]-[D01]') %}",
  ])

  env_literal = jsonencode(var.environment)

  catch_to_failure = [for state in ["FetchJar", "RunPipeline", "NotifyLoaded"] : {
    ErrorEquals = ["States.ALL"]
    Next        = "RecordRunFailed"
    Assign = {
      failedState = state
      failure     = "{% $states.errorOutput %}"
    }
  }]

  definition = {
    Comment        = "ecom-pipeline ${var.environment}: daily bronze -> silver -> gold -> Redshift run on EMR (Flink)"
    QueryLanguage  = "JSONata"
    TimeoutSeconds = var.execution_timeout_seconds
    StartAt        = "ResolveRunDate"
    States = {
      ResolveRunDate = {
        Type = "Pass"
        Assign = {
          runDate     = local.run_date_expr
          failedState = ""
          failure     = {}
        }
        Next = "FetchJar"
      }

      FetchJar = {
        Type     = "Task"
        Resource = "arn:aws:states:::elasticmapreduce:addStep.sync"
        Arguments = {
          ClusterId = var.emr_cluster_id
          Step = {
            Name            = "{% 'ecom-pipeline fetch jar ' & $runDate %}"
            ActionOnFailure = "CONTINUE"
            HadoopJarStep = {
              Jar  = "command-runner.jar"
              Args = local.fetch_jar_args
            }
          }
        }
        TimeoutSeconds = 900
        Retry          = local.retry
        Catch          = [local.catch_to_failure[0]]
        Next           = "RunPipeline"
      }

      # Transform and load: `ecom run --warehouse jdbc:redshift://...` publishes gold and
      # loads it into Redshift (one transaction per table, load_audit row) in one step.
      RunPipeline = {
        Type     = "Task"
        Resource = "arn:aws:states:::elasticmapreduce:addStep.sync"
        Arguments = {
          ClusterId = var.emr_cluster_id
          Step = {
            Name            = "{% 'ecom-pipeline run ' & $runDate %}"
            ActionOnFailure = "CONTINUE"
            HadoopJarStep = {
              Jar  = "command-runner.jar"
              Args = "{% $map(${jsonencode(local.pipeline_step_args)}, function($a) { $a = ${jsonencode(local.run_date_token)} ? $runDate : $a }) %}"
            }
          }
        }
        TimeoutSeconds = var.step_timeout_seconds
        Retry          = local.retry
        Catch          = [local.catch_to_failure[1]]
        Next           = "NotifyLoaded"
      }

      NotifyLoaded = {
        Type     = "Task"
        Resource = "arn:aws:states:::sns:publish"
        Arguments = {
          TopicArn = var.alerts_topic_arn
          Subject  = "{% 'ecom-pipeline ' & ${local.env_literal} & ' run ' & $runDate & ' loaded' %}"
          Message  = "{% $string({'environment': ${local.env_literal}, 'runDate': $runDate, 'status': 'SUCCEEDED', 'execution': $states.context.Execution.Id}) %}"
        }
        Retry = local.retry
        Catch = [local.catch_to_failure[2]]
        Next  = "Succeeded"
      }

      Succeeded = {
        Type = "Succeed"
      }

      RecordRunFailed = {
        Type     = "Task"
        Resource = "arn:aws:states:::aws-sdk:cloudwatch:putMetricData"
        Arguments = {
          Namespace = var.metric_namespace
          MetricData = [{
            MetricName = "RunFailed"
            Value      = 1
            Unit       = "Count"
            Dimensions = [{ Name = "Environment", Value = var.environment }]
          }]
        }
        Retry = local.retry
        Catch = [{ ErrorEquals = ["States.ALL"], Next = "NotifyFailure" }]
        Next  = "NotifyFailure"
      }

      NotifyFailure = {
        Type     = "Task"
        Resource = "arn:aws:states:::sns:publish"
        Arguments = {
          TopicArn = var.alerts_topic_arn
          Subject  = "{% 'ecom-pipeline ' & ${local.env_literal} & ' run ' & $runDate & ' FAILED' %}"
          Message  = "{% $string({'environment': ${local.env_literal}, 'runDate': $runDate, 'status': 'FAILED', 'failedState': $failedState, 'error': $failure.Error, 'cause': $failure.Cause, 'execution': $states.context.Execution.Id}, true) %}"
        }
        Retry = local.retry
        Catch = [{ ErrorEquals = ["States.ALL"], Next = "Failed" }]
        Next  = "Failed"
      }

      Failed = {
        Type  = "Fail"
        Error = "EcomPipelineRunFailed"
        Cause = "A pipeline state failed after its retries; see the failure notice and the execution history."
      }
    }
  }
}

resource "aws_sfn_state_machine" "daily" {
  name       = var.state_machine_name
  type       = "STANDARD"
  role_arn   = var.state_machine_role_arn
  definition = jsonencode(local.definition)

  logging_configuration {
    log_destination        = "${var.state_machine_log_group_arn}:*"
    include_execution_data = false
    level                  = "ERROR"
  }

  tags = local.tags
}

resource "aws_scheduler_schedule" "daily" {
  name        = "${var.state_machine_name}-daily"
  group_name  = "default"
  description = "Starts the ecom-pipeline ${var.environment} run for the previous UTC day at 02:00 UTC"

  schedule_expression          = var.schedule_expression
  schedule_expression_timezone = var.schedule_timezone
  state                        = var.schedule_enabled ? "ENABLED" : "DISABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_sfn_state_machine.daily.arn
    role_arn = var.scheduler_role_arn

    # The state machine derives --date = scheduledTime - run_date_offset_days.
    input = jsonencode({
      scheduledTime = "<aws.scheduler.scheduled-time>"
    })

    retry_policy {
      maximum_event_age_in_seconds = var.schedule_max_event_age_seconds
      maximum_retry_attempts       = var.schedule_retry_attempts
    }
  }
}

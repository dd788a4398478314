# Offline plan of the whole dev stack with a mocked AWS provider (terraform >= 1.7):
#   terraform init -backend=false && terraform test
# Checks the module wiring has no cycle, the EMR/Flink precondition, and the state machine.

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
  mock_data "aws_region" {
    defaults = {
      name = "eu-west-1"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  aws_region          = "eu-west-1"
  lake_bucket_name    = "ecom-pipeline-dev-lake-test"
  vpc_id              = "vpc-0123456789abcdef0"
  emr_subnet_ids      = ["subnet-0aaaaaaaaaaaaaaa1"]
  redshift_subnet_ids = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2", "subnet-0ccccccccccccccc3"]
  job_jar_s3_uri      = "s3://artifacts/pipelines/pipelines-0.1.0-all.jar"
  alert_emails        = ["oncall@example.com"]
}

run "plan_dev" {
  command = plan

  assert {
    condition     = module.emr.release_label == "emr-7.6.0" && module.emr.flink_minor == "1.19"
    error_message = "The default EMR release must ship Flink 1.19 for beam-runners-flink-1.19."
  }

  assert {
    condition     = contains(module.orchestration.pipeline_step_args, "io.ecompipeline.pipelines.cli.EcomCli") && contains(module.orchestration.pipeline_step_args, "@RUN_DATE@")
    error_message = "The pipeline step must run the EcomCli main class with the run date."
  }
}

# The emr module alone: a Flink 1.20 release must fail the plan while the jar is built
# for beam-runners-flink-1.19.
run "flink_1_20_release_is_rejected" {
  command = plan

  module {
    source = "../../modules/emr"
  }

  variables {
    environment          = "dev"
    release_label        = "emr-7.7.0"
    vpc_id               = "vpc-0123456789abcdef0"
    subnet_ids           = ["subnet-0aaaaaaaaaaaaaaa1"]
    service_role_arn     = "arn:aws:iam::123456789012:role/emr-service"
    instance_profile_arn = "arn:aws:iam::123456789012:instance-profile/emr-ec2"
    log_uri              = "s3://lake/_emr-logs/"
    kms_key_arn          = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"
  }

  expect_failures = [aws_emr_cluster.this]
}

run "flink_1_20_release_with_flink_1_20_runner_is_accepted" {
  command = plan

  module {
    source = "../../modules/emr"
  }

  variables {
    environment          = "dev"
    release_label        = "emr-7.7.0"
    beam_flink_minor     = "1.20"
    vpc_id               = "vpc-0123456789abcdef0"
    subnet_ids           = ["subnet-0aaaaaaaaaaaaaaa1"]
    service_role_arn     = "arn:aws:iam::123456789012:role/emr-service"
    instance_profile_arn = "arn:aws:iam::123456789012:instance-profile/emr-ec2"
    log_uri              = "s3://lake/_emr-logs/"
    kms_key_arn          = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"
  }

  assert {
    condition     = aws_emr_cluster.this.release_label == "emr-7.7.0"
    error_message = "emr-7.7.0 with a Flink 1.20 runner must plan."
  }
}

package io.ecompipeline.pipelines.cli;

import io.ecompipeline.pipelines.dashboard.DashboardCommand;
import io.ecompipeline.pipelines.generate.GenerateCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code ecom} command: one entry point for every stage a user runs. */
@Command(
    name = "ecom",
    mixinStandardHelpOptions = true,
    version = "ecom-pipeline 0.1.0",
    description = "E-commerce analytics pipeline: bronze -> silver -> gold -> warehouse.",
    subcommands = {
      GenerateCommand.class, RunCommand.class, StatusCommand.class, DemoCommand.class, DashboardCommand.class, CommandLine.HelpCommand.class
    })
public final class EcomCli {
  /** Usage errors: a bad option or value. */
  public static final int EXIT_USAGE = 2;

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces and INFO logs.")
  void setVerbose(boolean verbose) {
    Logging.setVerbose(verbose);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (tests call this instead of main). */
  public static int execute(String... args) {
    Logging.configure();
    CommandLine cli = new CommandLine(new EcomCli());
    cli.setExecutionExceptionHandler(EcomCli::handleFailure);
    return cli.execute(args);
  }

  private static int handleFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof EcomException ee) {
      err.println("ecom " + cmd.getCommandName() + ": " + ee.getMessage());
      if (Logging.verbose() && ee.getCause() != null) {
        ee.getCause().printStackTrace(err);
      }
      err.flush();
      return ee.exitCode();
    }
    err.println("ecom " + cmd.getCommandName() + ": unexpected failure: " + e);
    if (Logging.verbose()) {
      e.printStackTrace(err);
    } else {
      err.println("Re-run with --verbose for the stack trace.");
    }
    err.flush();
    return 1;
  }
}

package io.ecompipeline.pipelines.cli;

import io.ecompipeline.pipelines.ops.RunStatus;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ecom status}: the last runs of a lake and the dates that still need one. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show the last runs (date, outcome, duration, rows) and the dates with bronze but no successful run.")
public final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--lake", defaultValue = "lake", description = "Lake root: a folder or s3://bucket/prefix (default: ${DEFAULT-VALUE}).")
  String lake;

  @Option(names = "--last", defaultValue = "10", description = "How many runs to show (default: ${DEFAULT-VALUE}).")
  int last;

  @Override
  public Integer call() {
    try {
      spec.commandLine().getOut().print(RunStatus.of(lake).render(last, lake));
      spec.commandLine().getOut().flush();
      return 0;
    } catch (IOException e) {
      throw new EcomException(EcomException.EXIT_FAILED, "cannot read the runs of " + lake + ": " + e.getMessage(), e);
    }
  }
}

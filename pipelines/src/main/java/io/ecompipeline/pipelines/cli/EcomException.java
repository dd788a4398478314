package io.ecompipeline.pipelines.cli;

/** A failure the user can act on: its message says what failed, where, and what to do. */
public class EcomException extends RuntimeException {
  /** The run failed for a reason outside the data (I/O, a runner, a bug). */
  public static final int EXIT_FAILED = 1;
  /** A quality gate failed: nothing was published. */
  public static final int EXIT_GATE = 3;
  /** The warehouse load failed: the failing table was rolled back. */
  public static final int EXIT_LOAD = 4;

  private final int exitCode;

  public EcomException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public EcomException(int exitCode, String message) {
    this(exitCode, message, null);
  }

  public int exitCode() {
    return exitCode;
  }
}

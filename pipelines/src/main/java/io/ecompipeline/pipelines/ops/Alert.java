package io.ecompipeline.pipelines.ops;

/** Something an operator must look at: a failed run or stage, or a breached SLA. */
public record Alert(Kind kind, String runId, String stage, String message) {
  /** What happened. */
  public enum Kind {
    FAILURE,
    SLA_BREACH
  }

  /** One line a human reads first in Slack or an e-mail subject. */
  public String title() {
    return "[ecom-pipeline] " + (kind == Kind.FAILURE ? "FAILED" : "SLA breached") + ": run " + runId
        + (stage == null ? "" : ", stage " + stage);
  }

  public String text() {
    return title() + "\n" + message;
  }
}

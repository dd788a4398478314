package io.ecompipeline.pipelines.ops;

import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes alerts to an Amazon SNS topic (default region and credentials chain). */
public final class SnsNotifier implements Notifier {
  private final String topicArn;

  public SnsNotifier(String topicArn) {
    this.topicArn = topicArn;
  }

  @Override
  public void send(Alert alert) {
    try (SnsClient sns = SnsClient.create()) {
      // SNS subjects are at most 100 characters.
      String subject = alert.title().length() > 100 ? alert.title().substring(0, 100) : alert.title();
      sns.publish(b -> b.topicArn(topicArn).subject(subject).message(alert.text()));
    }
  }

  @Override
  public String toString() {
    return "sns(" + topicArn + ")";
  }
}

package io.ecompipeline.pipelines.ops;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the notifier of a run from the command line and the environment. */
public final class Notifiers {
  public static final String WEBHOOK_ENV = "ECOM_ALERT_WEBHOOK";
  public static final String SNS_TOPIC_ENV = "ECOM_ALERT_SNS_TOPIC";

  private Notifiers() {}

  /** The webhook ({@code --alert-webhook}, else {@code ECOM_ALERT_WEBHOOK}) and the SNS topic, whichever are set. */
  public static Notifier of(String webhookOption, Map<String, String> env) {
    List<Notifier> list = new ArrayList<>();
    String webhook = webhookOption != null ? webhookOption : env.get(WEBHOOK_ENV);
    if (webhook != null && !webhook.isBlank()) {
      list.add(new WebhookNotifier(URI.create(webhook)));
    }
    String topic = env.get(SNS_TOPIC_ENV);
    if (topic != null && !topic.isBlank()) {
      list.add(new SnsNotifier(topic));
    }
    return list.isEmpty() ? Notifier.NONE : Notifier.all(list);
  }
}

package io.ecompipeline.pipelines.ops;

import java.util.List;

/** Sends alerts somewhere people see them. A notifier never fails the run: it logs and carries on. */
@FunctionalInterface
public interface Notifier {
  void send(Alert alert);

  /** Sends nowhere (no webhook or topic configured). */
  Notifier NONE = alert -> {};

  /** Sends to each notifier in turn; one failing does not stop the others. */
  static Notifier all(List<Notifier> notifiers) {
    return alert -> {
      for (Notifier n : notifiers) {
        try {
          n.send(alert);
        } catch (RuntimeException e) {
          org.slf4j.LoggerFactory.getLogger(Notifier.class).warn("could not send the alert through {}: {}", n, e.toString());
        }
      }
    };
  }
}

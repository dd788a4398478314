package io.ecompipeline.pipelines.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts Slack-compatible JSON ({@code {"text": ...}}) to an incoming-webhook URL. */
public final class WebhookNotifier implements Notifier {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI url;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public WebhookNotifier(URI url) {
    this.url = url;
  }

  @Override
  public void send(Alert alert) {
    try {
      String body = JSON.writeValueAsString(java.util.Map.of("text", alert.text()));
      HttpRequest request = HttpRequest.newBuilder(url)
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("webhook answered HTTP " + response.statusCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("webhook not reachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending the alert", e);
    }
  }

  @Override
  public String toString() {
    // The URL of a Slack webhook is itself a secret: show only its host.
    return "webhook(" + url.getHost() + ")";
  }
}

package io.ecompipeline.warehouse.load;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Warehouse user and password: from {@code ECOM_WAREHOUSE_USER}/{@code ECOM_WAREHOUSE_PASSWORD}, or
 * from the AWS Secrets Manager secret named by {@code ECOM_WAREHOUSE_SECRET_ARN} (the JSON shape
 * Redshift/RDS secrets use: {@code {"username": …, "password": …}}). Never from logs or URLs.
 */
public record Credentials(String user, String password) {
  public static final String USER_ENV = "ECOM_WAREHOUSE_USER";
  public static final String PASSWORD_ENV = "ECOM_WAREHOUSE_PASSWORD";
  public static final String SECRET_ARN_ENV = "ECOM_WAREHOUSE_SECRET_ARN";

  /** Fetches a secret's string value by ARN. */
  @FunctionalInterface
  public interface SecretFetcher {
    String secretString(String arn);
  }

  /** The real fetcher: AWS SDK v2 Secrets Manager, default region and credentials chain. */
  public static final SecretFetcher AWS_SECRETS_MANAGER = arn -> {
    try (SecretsManagerClient client = SecretsManagerClient.create()) {
      return client.getSecretValue(b -> b.secretId(arn)).secretString();
    }
  };

  /** Credentials from the environment, the secret taking over only when no user is set directly. */
  public static Optional<Credentials> fromEnvironment(Map<String, String> env, SecretFetcher fetcher) {
    String user = env.get(USER_ENV);
    if (user != null && !user.isBlank()) {
      return Optional.of(new Credentials(user, env.getOrDefault(PASSWORD_ENV, "")));
    }
    String arn = env.get(SECRET_ARN_ENV);
    if (arn != null && !arn.isBlank()) return Optional.of(fromSecretJson(fetcher.secretString(arn), arn));
    return Optional.empty();
  }

  static Credentials fromSecretJson(String json, String arn) {
    try {
      Map<String, JsonNode> o = JsonNode.parser().parse(json).asObject();
      JsonNode u = o.get("username");
      JsonNode p = o.get("password");
      if (u == null || p == null) throw new IllegalArgumentException("no username/password fields");
      return new Credentials(u.asString(), p.asString());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Secret " + arn + " is not a JSON object with \"username\" and \"password\" ("
          + e.getClass().getSimpleName() + ")"); // never echo the secret text
    }
  }

  @Override
  public String toString() {
    return "Credentials[user=" + user + ", password=***]";
  }
}

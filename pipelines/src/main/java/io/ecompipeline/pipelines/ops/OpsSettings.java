package io.ecompipeline.pipelines.ops;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How a run is operated, apart from what it computes: environment and PII masking, retries, SLAs,
 * alerts, metrics and lineage.
 *
 * @param piiSalt the salt of the PII hashes; used only outside prod
 * @param maxAttempts attempts per stage for transient failures (1 = no retry)
 * @param backoffBase the wait before the 2nd attempt; it doubles for each further one
 * @param lineageUrl OpenLineage HTTP endpoint, or null for the file transport only
 * @param faults a test hook called before each stage attempt (production: {@link StageHook#NONE})
 */
public record OpsSettings(
    DeployEnv env,
    String piiSalt,
    Duration stageSla,
    Duration runSla,
    int maxAttempts,
    Duration backoffBase,
    Notifier notifier,
    boolean emfStdout,
    URI lineageUrl,
    StageHook faults) {

  public static final String PII_SALT_ENV = "ECOM_PII_SALT";
  /**
   * The salt used in dev when {@code ECOM_PII_SALT} is not set, so {@code bin/ecom demo} works out
   * of the box. It is public, so dev hashes are only pseudonyms; shared environments set a salt.
   */
  public static final String DEV_FALLBACK_SALT = "ecom-dev-salt";
  public static final Duration DEFAULT_SLA = Duration.ofHours(2);

  /** The deployment environment: PII is masked everywhere but prod. */
  public enum DeployEnv {
    dev,
    prod
  }

  /** Called before every attempt of a stage; throwing from it fails that attempt. */
  @FunctionalInterface
  public interface StageHook {
    void beforeAttempt(String stage, int attempt) throws Exception;

    StageHook NONE = (stage, attempt) -> {};
  }

  public OpsSettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** dev, salt from the environment (or the dev fallback), 3 attempts from 1 s, 2 h SLAs, alerts from the environment. */
  public static OpsSettings defaults() {
    Map<String, String> env = System.getenv();
    return new OpsSettings(DeployEnv.dev, saltFrom(env), DEFAULT_SLA, DEFAULT_SLA, 3, Duration.ofSeconds(1),
        Notifiers.of(null, env), false, null, StageHook.NONE);
  }

  /** The salt from {@code ECOM_PII_SALT}, else the documented dev fallback. */
  public static String saltFrom(Map<String, String> env) {
    String s = env.get(PII_SALT_ENV);
    return s == null || s.isBlank() ? DEV_FALLBACK_SALT : s;
  }

  public boolean masksPii() {
    return env != DeployEnv.prod;
  }

  public OpsSettings withEnv(DeployEnv e) {
    return new OpsSettings(e, piiSalt, stageSla, runSla, maxAttempts, backoffBase, notifier, emfStdout, lineageUrl, faults);
  }

  public OpsSettings withSla(Duration stage, Duration run) {
    return new OpsSettings(env, piiSalt, stage, run, maxAttempts, backoffBase, notifier, emfStdout, lineageUrl, faults);
  }

  public OpsSettings withRetries(int attempts, Duration base) {
    return new OpsSettings(env, piiSalt, stageSla, runSla, attempts, base, notifier, emfStdout, lineageUrl, faults);
  }

  public OpsSettings withNotifier(Notifier n) {
    return new OpsSettings(env, piiSalt, stageSla, runSla, maxAttempts, backoffBase, n, emfStdout, lineageUrl, faults);
  }

  public OpsSettings withEmfStdout(boolean on) {
    return new OpsSettings(env, piiSalt, stageSla, runSla, maxAttempts, backoffBase, notifier, on, lineageUrl, faults);
  }

  public OpsSettings withLineageUrl(URI url) {
    return new OpsSettings(env, piiSalt, stageSla, runSla, maxAttempts, backoffBase, notifier, emfStdout, url, faults);
  }

  public OpsSettings withFaults(StageHook hook) {
    return new OpsSettings(env, piiSalt, stageSla, runSla, maxAttempts, backoffBase, notifier, emfStdout, lineageUrl, hook);
  }

  public OpsSettings withPiiSalt(String salt) {
    return new OpsSettings(env, salt, stageSla, runSla, maxAttempts, backoffBase, notifier, emfStdout, lineageUrl, faults);
  }
}

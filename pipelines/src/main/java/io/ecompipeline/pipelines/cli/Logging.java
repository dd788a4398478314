package io.ecompipeline.pipelines.cli;

/**
 * Log levels for slf4j-simple: our own progress at INFO, the libraries' and runners' chatter (Flink
 * logs ~1,900 lines per run at INFO, ~200 at WARN) only when it is an error; everything at INFO with
 * --verbose.
 */
final class Logging {
  private static boolean verbose;

  private Logging() {}

  static void configure() {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "error");
    setIfAbsent("org.slf4j.simpleLogger.log.io.ecompipeline", "info");
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss");
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
  }

  static void setVerbose(boolean on) {
    verbose = on;
    if (on) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    }
  }

  static boolean verbose() {
    return verbose;
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}

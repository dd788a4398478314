package io.ecompipeline.testing.s3proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * S3Proxy (in-memory store, AWS V2/V4 signatures checked) in a child JVM on {@code 127.0.0.1}, per test.
 *
 * <p>S3Proxy 4.1 needs AWS SDK v2 ≥ 2.28 and Beam 2.62 pins 2.20.47, so they cannot share a class path. The child
 * runs {@code java -cp <this module + S3Proxy's class path> ChildMain --properties <file>}; its class path was resolved
 * by Maven when this module was built (resource {@code s3proxy.classpath}, jars relative to the local repository). The
 * test JVM only speaks HTTP to it. If the child cannot start, {@code beforeEach} throws and the test fails with the
 * child's log: it is never skipped.
 *
 * <p>Use as an instance field: {@code @RegisterExtension final S3ProxyServer s3 = S3ProxyServer.withCredentials(id, secret);}
 * or, outside JUnit, {@code try (S3ProxyServer s3 = ....start()) {...}}.
 */
public final class S3ProxyServer implements BeforeEachCallback, AfterEachCallback, AutoCloseable {
  /** System property naming the Maven local repository ({@code ${settings.localRepository}}); default {@code ~/.m2/repository}. */
  public static final String LOCAL_REPOSITORY_PROPERTY = "ecom.maven.localRepository";

  /** System property with the child's log level (slf4j-simple: trace, debug, info, warn, error); default info. */
  public static final String LOG_LEVEL_PROPERTY = "ecom.s3proxy.logLevel";

  private static final String CLASSPATH_RESOURCE = "s3proxy.classpath";
  private static final String LOCAL_REPOSITORY_TOKEN = "M2_REPO";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 3;

  private final String identity;
  private final String credential;
  private Process process;
  private Thread killOnExit;
  private Path workDir;
  private URI uri;

  private S3ProxyServer(String identity, String credential) {
    if (identity == null || identity.isBlank() || credential == null || credential.isBlank()) {
      throw new IllegalArgumentException("S3Proxy needs a non-blank identity and credential (access key and secret)");
    }
    this.identity = identity;
    this.credential = credential;
  }

  /** A server that accepts requests signed (AWS V2 or V4) with this access key and secret. */
  public static S3ProxyServer withCredentials(String identity, String credential) {
    return new S3ProxyServer(identity, credential);
  }

  /** The endpoint, {@code http://127.0.0.1:<port>}; only while started. */
  public synchronized URI getUri() {
    if (uri == null) {
      throw new IllegalStateException("S3Proxy is not running: start() it or register it with @RegisterExtension");
    }
    return uri;
  }

  /** The folder holding the child's properties and log ({@code s3proxy.log}). */
  public synchronized Path workDir() {
    return workDir;
  }

  /** Starts the child JVM and waits until its port answers; throws with the child's log if it does not. */
  public synchronized S3ProxyServer start() throws IOException {
    if (process != null) {
      throw new IllegalStateException("S3Proxy is already running on " + uri);
    }
    String classPath = childClassPath();
    Path base = Files.isDirectory(Path.of("target")) ? Files.createDirectories(Path.of("target", "s3proxy")) : null;
    for (int attempt = 1; ; attempt++) {
      Path dir = base == null ? Files.createTempDirectory("s3proxy-") : Files.createTempDirectory(base, "run-");
      int port = freePort();
      Path log = dir.resolve("s3proxy.log");
      Process started = launch(classPath, dir, port, log);
      String failure = awaitPort(started, port);
      if (failure == null) {
        process = started;
        workDir = dir.toAbsolutePath();
        uri = URI.create("http://127.0.0.1:" + port);
        killOnExit = new Thread(started::destroyForcibly, "s3proxy-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        return this;
      }
      stop(started);
      String childLog = tail(log, 40);
      // Another process may take the free port between our probe and the child's bind: try another one.
      if (attempt < START_ATTEMPTS && childLog.contains("BindException")) {
        continue;
      }
      throw new IllegalStateException("S3Proxy did not start in its own JVM on 127.0.0.1:" + port + ": " + failure
          + ".\nThe S3 tests cannot run without it (they are not skipped). Child log " + log.toAbsolutePath() + ":\n"
          + childLog);
    }
  }

  /** Stops the child (SIGTERM, then SIGKILL after 10 s) and forgets the endpoint; the work folder is kept. */
  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    stop(process);
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook kills a dead process, harmless.
    }
    process = null;
    killOnExit = null;
    uri = null;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    Path dir = workDir();
    close();
    // The log explains a failure; a passed test's copy is only disk.
    if (context.getExecutionException().isEmpty()) {
      deleteTree(dir);
    } else {
      System.err.println("S3Proxy's log kept in " + dir);
    }
  }

  private Process launch(String classPath, Path dir, int port, Path log) throws IOException {
    Properties props = new Properties();
    // Property names as S3Proxy 4.1 reads them (S3ProxyConstants, Main, BlobStores).
    props.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
    props.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    props.setProperty("s3proxy.identity", identity);
    props.setProperty("s3proxy.credential", credential);
    // transient-nio2 (in memory) is the local store that accepts server-side-encryption headers, as S3 does: Beam's
    // S3 filesystem sends "x-amz-server-side-encryption-bucket-key-enabled: false" on every multipart upload and copy,
    // which S3Proxy's filesystem stores reject with 501 Not Implemented.
    props.setProperty("jclouds.provider", "transient-nio2");
    Path file = dir.resolve("s3proxy.properties");
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      props.store(out, "S3Proxy for the S3 tests");
    }
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // A small, short-lived server: little heap, quick start, no C2 compile threads on a 2-core machine.
        "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        // S3Proxy's Main sends System.err to its logger: a logger writing to System.err would recurse until the stack
        // overflows at the first message.
        "-Dorg.slf4j.simpleLogger.logFile=System.out",
        "-Dorg.slf4j.simpleLogger.showDateTime=true",
        "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + System.getProperty(LOG_LEVEL_PROPERTY, "info"),
        "-cp", classPath,
        ChildMain.class.getName(),
        "--properties", file.toAbsolutePath().toString());
    // stdin stays a pipe held open by this JVM: ChildMain exits when it closes (this JVM died).
    return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  /** Null once the port accepts connections, else why not. */
  private static String awaitPort(Process child, int port) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!child.isAlive()) {
        return "the child JVM exited with code " + child.exitValue();
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 250);
        return null;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    return "its port did not answer within " + START_TIMEOUT.toSeconds() + " s";
  }

  private static void stop(Process child) {
    child.destroy();
    try {
      if (!child.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        child.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      child.getOutputStream().close();
    } catch (IOException ignored) {
      // Already closed with the process.
    }
  }

  /** This module's classes (ChildMain) followed by S3Proxy's jars as resolved at build time. */
  private static String childClassPath() throws IOException {
    String listed;
    try (InputStream in = S3ProxyServer.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("S3Proxy's class path (resource " + CLASSPATH_RESOURCE + ") is missing from "
            + codeLocation() + ": build the module that holds it, ./mvnw -B install -pl testing/s3proxy-server -am");
      }
      listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    String repository = System.getProperty(LOCAL_REPOSITORY_PROPERTY, "");
    Path localRepository = repository.isBlank() ? Path.of(System.getProperty("user.home"), ".m2", "repository") : Path.of(repository);
    List<Path> entries = new ArrayList<>();
    entries.add(codeLocation());
    for (String entry : listed.split("\\|")) {
      String e = entry.trim();
      if (!e.isEmpty()) {
        entries.add(e.startsWith(LOCAL_REPOSITORY_TOKEN + "/")
            ? localRepository.resolve(e.substring(LOCAL_REPOSITORY_TOKEN.length() + 1)) : Path.of(e));
      }
    }
    List<Path> missing = entries.stream().filter(p -> !Files.exists(p)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(missing.size() + " of S3Proxy's class path entries are missing (first: " + missing.get(0)
          + "; local repository " + localRepository + ", -D" + LOCAL_REPOSITORY_PROPERTY
          + "): resolve them with ./mvnw -B install -pl testing/s3proxy-server -am");
    }
    return entries.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
  }

  private static Path codeLocation() {
    try {
      return Path.of(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the s3proxy-server classes", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for S3Proxy to start", e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

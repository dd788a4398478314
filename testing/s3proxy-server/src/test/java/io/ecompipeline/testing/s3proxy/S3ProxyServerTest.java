package io.ecompipeline.testing.s3proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The launcher on its own (this module's test class path has S3Proxy's newer AWS SDK, no Beam): a
 * child JVM that checks signatures, and nothing left behind after close.
 */
class S3ProxyServerTest {
  @Test
  void servesS3OnLoopbackChecksSignaturesAndLeavesNoProcessBehind() throws Exception {
    long before = childCount();
    Path log;
    URI uri;
    try (S3ProxyServer s3 = S3ProxyServer.withCredentials("access", "secret-key").start()) {
      uri = s3.getUri();
      assertEquals("127.0.0.1", uri.getHost());
      assertEquals(before + 1, childCount(), "one child JVM while running");
      log = s3.workDir().resolve("s3proxy.log");
      try (S3Client right = client(uri, "secret-key"); S3Client wrong = client(uri, "not-the-secret")) {
        right.createBucket(b -> b.bucket("lake"));
        right.putObject(b -> b.bucket("lake").key("a/b.txt"), RequestBody.fromString("hello"));
        assertEquals("hello", right.getObjectAsBytes(b -> b.bucket("lake").key("a/b.txt")).asUtf8String());
        S3Exception refused = assertThrows(S3Exception.class, () -> wrong.getObjectAsBytes(b -> b.bucket("lake").key("a/b.txt")));
        assertEquals(403, refused.statusCode(), "a request signed with the wrong secret is refused");
      }
    }
    assertEquals(before, childCount(), "the child JVM is gone after close()");
    assertTrue(Files.readString(log).contains("Started"), "the child's log is kept in its work folder");
    assertThrows(IllegalStateException.class, () -> S3ProxyServer.withCredentials("a", "b").getUri());
    assertFalse(reachable(uri), "nothing listens on the port after close()");
  }

  @Test
  void refusesBlankCredentials() {
    assertThrows(IllegalArgumentException.class, () -> S3ProxyServer.withCredentials("", "secret"));
  }

  private static S3Client client(URI endpoint, String secret) {
    return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", secret))).build();
  }

  private static long childCount() {
    return ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
  }

  private static boolean reachable(URI uri) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 500);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}

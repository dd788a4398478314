package io.ecompipeline.testing.s3proxy;

import java.io.IOException;
import java.io.InputStream;

/**
 * Entry point of the S3Proxy child JVM: S3Proxy's own {@code Main}, plus a watch on standard input.
 *
 * <p>The parent holds the write end of this process's stdin and never writes to it. When the parent dies in any way
 * (even {@code kill -9}, which skips its shutdown hooks), the pipe closes, the read below returns end of stream and the
 * child halts: no orphaned S3Proxy keeps a port after a crashed or timed-out test run.
 */
public final class ChildMain {
  private ChildMain() {}

  public static void main(String[] args) throws Exception {
    Thread watch = new Thread(ChildMain::haltWhenParentGoes, "parent-watch");
    watch.setDaemon(true);
    watch.start();
    org.gaul.s3proxy.Main.main(args);
  }

  private static void haltWhenParentGoes() {
    try (InputStream in = System.in) {
      while (in.read() >= 0) {
        // The parent writes nothing; anything read is ignored.
      }
    } catch (IOException e) {
      // A broken pipe means the same as end of stream.
    }
    Runtime.getRuntime().halt(0);
  }
}

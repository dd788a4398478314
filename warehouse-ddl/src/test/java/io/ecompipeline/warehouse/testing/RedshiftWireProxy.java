package io.ecompipeline.warehouse.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A loopback TCP proxy that lets the real Amazon Redshift JDBC driver talk to PostgreSQL 15: it
 * answers the driver's SSLRequest (and GSSENCRequest) with 'N' and drops the startup parameters
 * PostgreSQL rejects (driver_version, os_version, client_protocol_version,
 * driver_discovery_version). After the startup message it only pipes bytes both ways.
 */
public final class RedshiftWireProxy implements AutoCloseable {
  private static final int SSL_REQUEST = 80877103;
  private static final int GSSENC_REQUEST = 80877104;
  private static final int PROTOCOL_3 = 196608;
  private static final Set<String> DROPPED =
      Set.of("driver_version", "os_version", "client_protocol_version", "driver_discovery_version");

  private final ServerSocket server;
  private final int targetPort;
  private final Thread acceptor;

  public RedshiftWireProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "redshift-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> handle(client), "redshift-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void handle(Socket client) {
    try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(client.getInputStream());
      OutputStream clientOut = client.getOutputStream();
      DataOutputStream up = new DataOutputStream(upstream.getOutputStream());
      while (true) {
        int len = in.readInt();
        byte[] body = new byte[len - 4];
        in.readFully(body);
        int code = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
        if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
          clientOut.write('N');
          clientOut.flush();
          continue;
        }
        if (code == PROTOCOL_3) {
          byte[] rewritten = rewriteStartup(body);
          up.writeInt(rewritten.length + 4);
          up.write(rewritten);
        } else { // CancelRequest and anything else: forward untouched
          up.writeInt(len);
          up.write(body);
        }
        up.flush();
        break;
      }
      Thread back = new Thread(() -> pipe(upstreamIn(upstream), clientOut), "redshift-proxy-down");
      back.setDaemon(true);
      back.start();
      pipe(in, up);
      back.join();
    } catch (IOException | InterruptedException e) {
      // connection ended
    }
  }

  private static InputStream upstreamIn(Socket s) {
    try {
      return s.getInputStream();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Protocol version, then name\0value\0 pairs, then \0: copy all pairs but the refused ones. */
  static byte[] rewriteStartup(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(body, 0, 4);
    int i = 4;
    while (i < body.length && body[i] != 0) {
      int nameEnd = indexOfZero(body, i);
      int valueEnd = indexOfZero(body, nameEnd + 1);
      String name = new String(body, i, nameEnd - i, StandardCharsets.UTF_8);
      if (!DROPPED.contains(name)) out.write(body, i, valueEnd + 1 - i);
      i = valueEnd + 1;
    }
    out.write(0);
    return out.toByteArray();
  }

  private static int indexOfZero(byte[] b, int from) {
    for (int i = from; i < b.length; i++) if (b[i] == 0) return i;
    throw new IllegalArgumentException("Malformed startup message");
  }

  private static void pipe(InputStream from, OutputStream to) {
    byte[] buf = new byte[64 * 1024];
    try {
      int n;
      while ((n = from.read(buf)) > 0) {
        to.write(buf, 0, n);
        to.flush();
      }
    } catch (IOException ignored) {
      // peer closed
    } finally {
      try {
        to.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}

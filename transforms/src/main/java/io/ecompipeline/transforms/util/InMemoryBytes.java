package io.ecompipeline.transforms.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.beam.sdk.coders.Coder;

/**
 * In-memory byte streams without the locks of {@link java.io.ByteArrayOutputStream} and {@link
 * java.io.ByteArrayInputStream}: coders write and read a row a byte or a few at a time, and each
 * synchronized call costs an atomic operation (a tenth of the writer's time when it decoded runs
 * through {@code ByteArrayInputStream}).
 */
public final class InMemoryBytes {
  private InMemoryBytes() {}

  /** {@code value} encoded by {@code coder} into a new array of exactly its size. */
  public static <T> byte[] encode(Coder<T> coder, T value, Output buffer) {
    buffer.reset();
    try {
      coder.encode(value, buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  /** The value {@code coder} encoded into {@code bytes}. */
  public static <T> T decode(Coder<T> coder, byte[] bytes) {
    try {
      return coder.decode(new Input(bytes, 0));
    } catch (IOException e) {
      throw new UncheckedIOException("an encoded element is corrupt", e);
    }
  }

  /** A growable buffer whose bytes can be read in place. */
  public static final class Output extends OutputStream {
    private byte[] buf;
    private int count;

    public Output(int initialCapacity) {
      buf = new byte[initialCapacity];
    }

    @Override
    public void write(int b) {
      if (count == buf.length) {
        grow(1);
      }
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (len > buf.length - count) {
        grow(len);
      }
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    private void grow(int needed) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + needed));
    }

    public void reset() {
      count = 0;
    }

    public int size() {
      return count;
    }

    /** The buffer itself: its first {@link #size()} bytes are what was written. */
    public byte[] bytes() {
      return buf;
    }

    public byte[] toByteArray() {
      return Arrays.copyOf(buf, count);
    }
  }

  /** Reads an array from an offset to its end. */
  public static final class Input extends InputStream {
    private final byte[] bytes;
    private int pos;

    public Input(byte[] bytes, int offset) {
      this.bytes = bytes;
      this.pos = offset;
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int n = Math.min(len, bytes.length - pos);
      if (n <= 0) {
        return -1;
      }
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public long skip(long n) {
      int k = (int) Math.max(0, Math.min(n, bytes.length - pos));
      pos += k;
      return k;
    }

    @Override
    public int available() {
      return bytes.length - pos;
    }

    /** The array read from, so a reader may parse a block of it in place (then {@link #skip} it). */
    public byte[] array() {
      return bytes;
    }

    /** Where the next read starts in {@link #array()}. */
    public int position() {
      return pos;
    }
  }
}

package io.ecompipeline.transforms.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Iterator;

/** One UTF-8 line per element, in lexicographic order. */
final class JsonLinesFormat implements FileFormat<String> {
  @Override
  public Comparator<String> order() {
    return Comparator.naturalOrder();
  }

  /** Flushes, never closes: the channel is the caller's (see {@link FileFormat#write}). */
  @Override
  public void write(Iterator<String> lines, WritableByteChannel out, String content) throws IOException {
    OutputStream stream = Channels.newOutputStream(out);
    Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8));
    while (lines.hasNext()) {
      w.write(lines.next());
      w.write('\n');
    }
    w.flush();
  }
}

package io.ecompipeline.transforms.ingest;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks;
 * lines end in LF or CRLF; a leading UTF-8 BOM is skipped. It tracks physical line numbers so
 * every record knows the line it starts on.
 *
 * <p>Lenient on one point, as most producers are: a quote inside an unquoted field is kept as a
 * literal character. Text after a closing quote, or a quote never closed, makes the record
 * malformed.
 */
public final class CsvReader implements AutoCloseable {
  /** One record: its fields, the physical line it starts on, its raw text, and a parse error if any. */
  public record CsvRecord(List<String> fields, long line, String raw, String error) {
    public boolean isBlank() {
      return error == null && fields.size() == 1 && fields.get(0).isEmpty();
    }
  }

  private final PushbackReader in;
  private long nextLine = 1;
  private boolean first = true;

  public CsvReader(Reader reader) {
    this.in = new PushbackReader(reader, 2);
  }

  /** The next record, or null at the end of the input. */
  public CsvRecord next() throws IOException {
    int c = in.read();
    if (first) {
      first = false;
      if (c == '\uFEFF') {
        c = in.read();
      }
    }
    if (c == -1) {
      return null;
    }
    long start = nextLine;
    StringBuilder raw = new StringBuilder();
    StringBuilder field = new StringBuilder();
    List<String> fields = new ArrayList<>();
    boolean inQuotes = false;
    boolean quoted = false;
    boolean afterClosingQuote = false;
    String error = null;
    while (true) {
      if (c == -1) {
        if (inQuotes) {
          error = "unterminated quoted field starting on line " + start;
        }
        fields.add(field.toString());
        return new CsvRecord(fields, start, raw.toString(), error);
      }
      if (inQuotes) {
        if (c == '"') {
          int d = in.read();
          if (d == '"') {
            field.append('"');
            raw.append("\"\"");
          } else {
            raw.append('"');
            inQuotes = false;
            afterClosingQuote = true;
            if (d != -1) {
              in.unread(d);
            }
          }
        } else {
          if (c == '\n') {
            nextLine++;
          } else if (c == '\r') {
            int d = in.read();
            if (d != '\n') {
              nextLine++;
            }
            if (d != -1) {
              in.unread(d);
            }
          }
          field.append((char) c);
          raw.append((char) c);
        }
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        quoted = false;
        afterClosingQuote = false;
        raw.append(',');
      } else if (c == '\n' || c == '\r') {
        if (c == '\r') {
          int d = in.read();
          if (d != '\n' && d != -1) {
            in.unread(d);
          }
        }
        nextLine++;
        fields.add(field.toString());
        return new CsvRecord(fields, start, raw.toString(), error);
      } else {
        if (c == '"' && field.length() == 0 && !quoted) {
          inQuotes = true;
          quoted = true;
        } else if (afterClosingQuote && error == null) {
          error = "text after a closing quote in field " + (fields.size() + 1);
        } else {
          field.append((char) c);
        }
        raw.append((char) c);
      }
      c = in.read();
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

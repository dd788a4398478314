package io.ecompipeline.pipelines.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** A reader of the generated bronze layer for tests: RFC 4180 CSV (gzip, BOM, CRLF) and flat JSON Lines. */
final class Bronze {
  private Bronze() {}

  /** One parsed file: its header (lower case) and its records as raw field lists; null = unparseable JSON line. */
  record ParsedFile(Path path, String ingestDate, List<String> header, List<List<String>> records,
      List<Map<String, String>> json, boolean bom, boolean crlf, boolean gzip, String rawHeader) {

    /** Records whose field count matches the header, as column -> value maps. */
    List<Map<String, String>> rows() {
      if (json != null) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> m : json) {
          if (m != null) {
            out.add(m);
          }
        }
        return out;
      }
      List<Map<String, String>> out = new ArrayList<>();
      for (List<String> r : records) {
        if (r.size() == header.size()) {
          Map<String, String> m = new LinkedHashMap<>();
          for (int i = 0; i < r.size(); i++) {
            m.put(header.get(i), r.get(i));
          }
          out.add(m);
        }
      }
      return out;
    }
  }

  private static final Map<Path, ParsedFile> CACHE = new ConcurrentHashMap<>();

  static List<ParsedFile> files(Path lake, String entity) {
    Path dir = lake.resolve("bronze").resolve(entity);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().map(p -> CACHE.computeIfAbsent(p, Bronze::parse)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** All well-formed rows of an entity, each with its ingest date under key "_ingest_date" and file "_file". */
  static List<Map<String, String>> rows(Path lake, String entity) {
    List<Map<String, String>> out = new ArrayList<>();
    for (ParsedFile f : files(lake, entity)) {
      for (Map<String, String> r : f.rows()) {
        Map<String, String> m = new HashMap<>(r);
        m.put("_ingest_date", f.ingestDate());
        m.put("_file", f.path().getFileName().toString());
        out.add(m);
      }
    }
    return out;
  }

  static ParsedFile parse(Path p) {
    try {
      byte[] bytes;
      boolean gzip = p.getFileName().toString().endsWith(".gz");
      try (InputStream in = gzip ? new GZIPInputStream(Files.newInputStream(p)) : Files.newInputStream(p)) {
        bytes = in.readAllBytes();
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      boolean bom = text.startsWith("\uFEFF");
      if (bom) {
        text = text.substring(1);
      }
      boolean crlf = text.contains("\r\n");
      String dir = p.getParent().getFileName().toString();
      String ingest = dir.substring(dir.indexOf('=') + 1);
      if (p.getFileName().toString().contains(".jsonl")) {
        List<Map<String, String>> json = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
          if (!line.isEmpty()) {
            json.add(parseJson(line));
          }
        }
        return new ParsedFile(p, ingest, null, List.of(), json, bom, crlf, gzip, null);
      }
      List<List<String>> recs = parseCsv(text);
      List<String> rawHeader = recs.get(0);
      List<String> header = rawHeader.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
      return new ParsedFile(p, ingest, header, recs.subList(1, recs.size()), null, bom, crlf, gzip,
          String.join(",", rawHeader));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<List<String>> parseCsv(String text) {
    List<List<String>> out = new ArrayList<>();
    List<String> rec = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    int i = 0;
    int n = text.length();
    boolean any = false;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"' && f.length() == 0) {
        i++;
        while (i < n) {
          char q = text.charAt(i);
          if (q == '"') {
            if (i + 1 < n && text.charAt(i + 1) == '"') {
              f.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          f.append(q);
          i++;
        }
        any = true;
        continue;
      }
      if (c == ',') {
        rec.add(f.toString());
        f.setLength(0);
        any = true;
      } else if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
        // handled by the '\n'
      } else if (c == '\n') {
        rec.add(f.toString());
        out.add(rec);
        rec = new ArrayList<>();
        f.setLength(0);
        any = false;
      } else {
        f.append(c);
        any = true;
      }
      i++;
    }
    if (any || f.length() > 0) {
      rec.add(f.toString());
      out.add(rec);
    }
    return out;
  }

  /** A flat JSON object of strings and nulls; null when the line is not such an object. */
  static Map<String, String> parseJson(String line) {
    Map<String, String> m = new LinkedHashMap<>();
    int[] pos = {0};
    try {
      expect(line, pos, '{');
      skipWs(line, pos);
      if (line.charAt(pos[0]) == '}') {
        pos[0]++;
      } else {
        while (true) {
          String k = string(line, pos);
          expect(line, pos, ':');
          skipWs(line, pos);
          String v;
          if (line.startsWith("null", pos[0])) {
            v = null;
            pos[0] += 4;
          } else {
            v = string(line, pos);
          }
          m.put(k, v);
          skipWs(line, pos);
          char c = line.charAt(pos[0]++);
          if (c == '}') {
            break;
          }
          if (c != ',') {
            return null;
          }
        }
      }
      skipWs(line, pos);
      return pos[0] == line.length() ? m : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void skipWs(String s, int[] p) {
    while (p[0] < s.length() && Character.isWhitespace(s.charAt(p[0]))) {
      p[0]++;
    }
  }

  private static void expect(String s, int[] p, char c) {
    skipWs(s, p);
    if (s.charAt(p[0]) != c) {
      throw new IllegalArgumentException();
    }
    p[0]++;
  }

  private static String string(String s, int[] p) {
    expect(s, p, '"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = s.charAt(p[0]++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        char e = s.charAt(p[0]++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(p[0], p[0] + 4), 16));
            p[0] += 4;
          }
          default -> sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
  }
}

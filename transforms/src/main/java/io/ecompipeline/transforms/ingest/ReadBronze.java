package io.ecompipeline.transforms.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecompipeline.transforms.io.LakePaths;
import io.ecompipeline.transforms.io.MatchedFiles;
import io.ecompipeline.transforms.io.WholeFileFn;
import io.ecompipeline.transforms.quality.QualityRules;
import io.ecompipeline.transforms.quality.RuleCodes;
import io.ecompipeline.transforms.schema.Column;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one entity's bronze folder for one ingest date (contract §1–§2) into {@link
 * BronzeRecord}s: CSV (RFC 4180) and JSON Lines, optionally gzipped. Nothing is dropped here: a
 * line that cannot be parsed, or every line of a file that lacks a required column, comes out as
 * a record carrying its error so that validation quarantines it and the accounting holds.
 */
public final class ReadBronze extends PTransform<PBegin, PCollection<BronzeRecord>> {
  private static final Logger LOG = LoggerFactory.getLogger(ReadBronze.class);

  private final String lakeRoot;
  private final Table entity;
  private final LocalDate ingestDate;
  private final QualityRules rules;

  private ReadBronze(String lakeRoot, Table entity, LocalDate ingestDate, QualityRules rules) {
    super("Read bronze " + entity.name());
    this.lakeRoot = lakeRoot;
    this.entity = entity;
    this.ingestDate = ingestDate;
    this.rules = rules;
  }

  /** Reads {@code <lakeRoot>/bronze/<entity>/ingest_date=<date>/}, required columns from the default rules. */
  public static ReadBronze of(String lakeRoot, Table entity, LocalDate ingestDate) {
    if (lakeRoot == null || lakeRoot.isBlank()) {
      throw new IllegalArgumentException("lakeRoot is empty: give a folder or s3://bucket/prefix");
    }
    return new ReadBronze(lakeRoot, entity, ingestDate, QualityRules.defaults());
  }

  /** The same read, taking the required columns from {@code rules}. */
  public ReadBronze withRules(QualityRules rules) {
    return new ReadBronze(lakeRoot, entity, ingestDate, rules);
  }

  @Override
  public PCollection<BronzeRecord> expand(PBegin input) {
    return input
        .apply("Files", MatchedFiles.of(LakePaths.join(LakePaths.bronze(lakeRoot, entity.name(), ingestDate), "**")))
        .apply("Parse records", ParDo.of(WholeFileFn.of(new ParseFile(entity, ingestDate, rules.requiredColumns(entity.name())),
            input.getPipeline().getOptions())))
        .setCoder(BronzeRecord.RecordCoder.of());
  }

  /** Parses one whole file, streaming it line by line. */
  static final class ParseFile implements WholeFileFn.Reader<BronzeRecord> {
    private final Table entity;
    private final LocalDate ingestDate;
    private final List<String> required;
    private transient ObjectMapper json;

    ParseFile(Table entity, LocalDate ingestDate, List<String> required) {
      this.entity = entity;
      this.ingestDate = ingestDate;
      this.required = List.copyOf(required);
    }

    @Override
    public void setup() {
      json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    @Override
    public void read(DoFn<FileIO.ReadableFile, BronzeRecord>.ProcessContext c) throws IOException {
      FileIO.ReadableFile file = c.element();
      Consumer<BronzeRecord> out = c::output;
      String path = file.getMetadata().resourceId().toString();
      String name = file.getMetadata().resourceId().getFilename();
      String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".gz")) {
        lower = lower.substring(0, lower.length() - 3);
      }
      boolean csv = lower.endsWith(".csv");
      boolean jsonl = lower.endsWith(".jsonl");
      if (!csv && !jsonl) {
        LOG.warn("Skipping {}: not .csv, .csv.gz, .jsonl or .jsonl.gz", path);
        return;
      }
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(Channels.newInputStream(file.open()), StandardCharsets.UTF_8), 1 << 16)) {
        if (csv) {
          parseCsv(path, reader, out);
        } else {
          parseJsonLines(path, reader, out);
        }
      }
    }

    private Set<String> knownColumns() {
      return entity.columns().stream()
          .map(Column::name)
          .filter(n -> SilverTables.LINEAGE.stream().noneMatch(l -> l.name().equals(n)))
          .collect(Collectors.toCollection(TreeSet::new));
    }

    private void parseCsv(String path, BufferedReader reader, Consumer<BronzeRecord> out) throws IOException {
      CsvReader csv = new CsvReader(reader);
      CsvReader.CsvRecord header = csv.next();
      while (header != null && header.isBlank()) {
        header = csv.next();
      }
      if (header == null) {
        LOG.warn("{} is empty: no header, no records", path);
        return;
      }
      List<String> names = new ArrayList<>();
      for (String h : header.fields()) {
        names.add(h.trim().toLowerCase(Locale.ROOT));
      }
      Set<String> known = knownColumns();
      List<String> unknown = names.stream().filter(n -> !known.contains(n)).collect(Collectors.toList());
      if (!unknown.isEmpty()) {
        LOG.warn("{}: ignoring unknown column(s) {} of {}", path, unknown, entity.name());
      }
      List<String> missing = required.stream().filter(r -> !names.contains(r)).collect(Collectors.toList());
      String fileError = null;
      if (header.error() != null) {
        fileError = "header of " + path + " cannot be parsed (" + header.error() + ")";
      } else if (!missing.isEmpty()) {
        fileError = "file " + path + " lacks required column" + (missing.size() > 1 ? "s " : " ")
            + String.join(", ", missing) + "; the whole file is rejected: fix the export and deliver it again";
        LOG.error("Rejecting {}: it lacks required column(s) {} of {}", path, missing, entity.name());
      }
      String fileRule = header.error() != null ? RuleCodes.MALFORMED_RECORD : RuleCodes.MISSING_COLUMN;
      for (CsvReader.CsvRecord rec = csv.next(); rec != null; rec = csv.next()) {
        if (!rec.isBlank()) {
          out.accept(fileError != null
              ? BronzeRecord.failed(entity.name(), rec.raw(), path, rec.line(), ingestDate, fileRule, fileError)
              : csvRecord(path, rec, names, known));
        }
      }
    }

    // The loops of both formats run once per file, so C2 compiles them on stack replacement, inlining
    // what they call: a record's parsing stays its own method, compiled once, not in every such unit.
    private BronzeRecord csvRecord(String path, CsvReader.CsvRecord rec, List<String> names, Set<String> known) {
      if (rec.error() != null) {
        return BronzeRecord.failed(entity.name(), rec.raw(), path, rec.line(), ingestDate, RuleCodes.MALFORMED_RECORD, rec.error());
      }
      if (rec.fields().size() != names.size()) {
        return BronzeRecord.failed(entity.name(), rec.raw(), path, rec.line(), ingestDate, RuleCodes.MALFORMED_RECORD,
            "expected " + names.size() + " fields as in the header, found " + rec.fields().size());
      }
      Map<String, String> fields = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        if (known.contains(names.get(i))) {
          fields.put(names.get(i), rec.fields().get(i));
        }
      }
      return BronzeRecord.of(entity.name(), fields, rec.raw(), path, rec.line(), ingestDate);
    }

    private void parseJsonLines(String path, BufferedReader reader, Consumer<BronzeRecord> out) throws IOException {
      Set<String> known = knownColumns();
      Set<String> warned = new TreeSet<>();
      long lineNo = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNo++;
        if (lineNo == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (!line.isBlank()) {
          out.accept(jsonRecord(path, line, lineNo, known, warned));
        }
      }
    }

    private BronzeRecord jsonRecord(String path, String line, long lineNo, Set<String> known, Set<String> warned) {
      JsonNode node;
      try {
        node = json.readTree(line);
      } catch (IOException e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
        return BronzeRecord.failed(entity.name(), line, path, lineNo, ingestDate, RuleCodes.MALFORMED_RECORD, "not valid JSON: " + why);
      }
      if (node == null || !node.isObject()) {
        return BronzeRecord.failed(entity.name(), line, path, lineNo, ingestDate,
            RuleCodes.MALFORMED_RECORD, "a JSON Lines record must be a JSON object");
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey().trim().toLowerCase(Locale.ROOT);
        if (!known.contains(key)) {
          if (warned.isEmpty()) {
            LOG.warn("{}: ignoring unknown field {} of {} (further unknown fields not logged)", path, key, entity.name());
          }
          warned.add(key);
          continue;
        }
        JsonNode v = e.getValue();
        fields.put(key, v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString());
      }
      return BronzeRecord.of(entity.name(), fields, line, path, lineNo, ingestDate);
    }
  }
}

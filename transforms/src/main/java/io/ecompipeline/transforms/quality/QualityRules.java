package io.ecompipeline.transforms.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecompipeline.transforms.schema.Column;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.beam.sdk.io.FileSystems;

/**
 * The data-quality rules and thresholds of bronze → silver, loaded from a JSON file (default:
 * {@code quality/rules.json} on the classpath). Column types are not repeated here: they come
 * from {@link SilverTables}, the one definition of the silver columns.
 *
 * <p>File format: {@code {"version": 1, "rules": [{"rule", "entity", "column", "parameters",
 * "severity"}, ...]}} where rule is one of {@link #RULE_KINDS}, entity a silver entity or
 * {@code *}, severity {@code error} (default) or {@code warning}. An entity-specific rule
 * overrides a {@code *} rule of the same kind.
 */
public final class QualityRules implements Serializable {
  public static final List<String> RULE_KINDS =
      List.of("required", "default", "enum", "pattern", "range", "future_timestamp", "reject_rate", "freshness", "outlier");
  /** Columns that exist only as derived measures, usable by outlier rules. */
  private static final Map<String, Set<String>> DERIVED = Map.of("orders", Set.of("order_total"));

  public static final double DEFAULT_REJECT_RATE = 0.05;
  public static final long DEFAULT_REJECT_RATE_MIN_ROWS = 100;
  public static final double DEFAULT_FRESHNESS_HOURS = 24;
  public static final int DEFAULT_FUTURE_DAYS = 1;

  /** A rule from the file. {@code parameters} holds plain JSON values (String, Number, Boolean, List). */
  public record Rule(String rule, String entity, String column, Map<String, Object> parameters, String severity)
      implements Serializable {
    public boolean isWarning() {
      return "warning".equals(severity);
    }
  }

  /** Range of a numeric column; {@code maxProductOf} bounds it by the product of two other columns. */
  public record Range(String column, BigDecimal min, BigDecimal max, List<String> maxProductOf) implements Serializable {}

  /** A regular expression the (optionally upper-cased) value must match. */
  public record PatternRule(String column, String regex, boolean upperCase) implements Serializable {}

  /** Freshness check: the newest {@code column} of today's valid rows must be within {@code maxAgeHours}. */
  public record Freshness(String entity, String column, double maxAgeHours, String severity) implements Serializable {}

  /** Robust outlier check on a measure: |x − median| / (1.4826·MAD) above {@code threshold}. */
  public record Outlier(String entity, String column, double threshold, int maxExamples, String severity)
      implements Serializable {}

  private final String source;
  private final List<Rule> rules;

  private QualityRules(String source, List<Rule> rules) {
    this.source = source;
    this.rules = List.copyOf(rules);
  }

  /** The rules shipped with the pipeline ({@code transforms/src/main/resources/quality/rules.json}). */
  public static QualityRules defaults() {
    try (InputStream in = QualityRules.class.getResourceAsStream("/quality/rules.json")) {
      if (in == null) {
        throw new IllegalStateException("quality/rules.json is missing from the classpath: rebuild the transforms module");
      }
      return parse("classpath:quality/rules.json", in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read classpath:quality/rules.json: " + e.getMessage(), e);
    }
  }

  /** Rules from a file (local path or any Beam file system, e.g. {@code s3://…}). */
  public static QualityRules fromFile(String path) {
    try (InputStream in = Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(path, false)))) {
      return parse(path, in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read quality rules file " + path + ": " + e.getMessage()
              + ". Check the path given to --config, or leave it out to use the default rules.", e);
    }
  }

  /** Rules from JSON text; {@code source} names it in error messages. */
  public static QualityRules parse(String source, InputStream in) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw bad(source, "is not valid JSON (" + e.getMessage().split("\n")[0] + ")");
    }
    if (root == null || !root.isObject() || !root.path("rules").isArray()) {
      throw bad(source, "must be a JSON object with a \"rules\" array");
    }
    ObjectMapper mapper = new ObjectMapper();
    List<Rule> rules = new ArrayList<>();
    int i = 0;
    for (JsonNode n : root.get("rules")) {
      String kind = n.path("rule").asText("");
      String entity = n.path("entity").asText("");
      String column = n.hasNonNull("column") ? n.get("column").asText() : null;
      String severity = n.path("severity").asText("error").toLowerCase(Locale.ROOT);
      @SuppressWarnings("unchecked")
      Map<String, Object> params =
          n.has("parameters") ? mapper.convertValue(n.get("parameters"), LinkedHashMap.class) : new LinkedHashMap<>();
      String where = "rules[" + i++ + "] (" + kind + " " + entity + (column == null ? "" : "." + column) + ")";
      if (!RULE_KINDS.contains(kind)) {
        throw bad(source, where + ": unknown rule \"" + kind + "\"; use one of " + RULE_KINDS);
      }
      if (!severity.equals("error") && !severity.equals("warning")) {
        throw bad(source, where + ": severity must be \"error\" or \"warning\", not \"" + severity + "\"");
      }
      Table table = null;
      if (!entity.equals("*")) {
        table = SilverTables.ENTITIES.stream().filter(t -> t.name().equals(entity)).findFirst()
            .orElseThrow(() -> bad(source, where + ": unknown entity; use one of "
                + SilverTables.ENTITIES.stream().map(Table::name).toList() + " or *"));
      }
      boolean needsColumn = Set.of("required", "default", "enum", "pattern", "range", "freshness", "outlier").contains(kind);
      if (needsColumn) {
        if (table == null || column == null) {
          throw bad(source, where + ": this rule needs a named entity and a column");
        }
        final String col = column;
        boolean known = table.columns().stream().anyMatch(c -> c.name().equals(col))
            || DERIVED.getOrDefault(entity, Set.of()).contains(col);
        if (!known) {
          throw bad(source, where + ": " + entity + " has no column " + column);
        }
      }
      String missing = switch (kind) {
        case "default" -> params.containsKey("value") ? null : "value";
        case "enum" -> params.get("values") instanceof List<?> l && !l.isEmpty() ? null : "values (a non-empty list)";
        case "pattern" -> params.get("regex") instanceof String ? null : "regex";
        case "range" -> params.containsKey("min") || params.containsKey("max") || params.containsKey("max_product_of")
            ? null : "min, max or max_product_of";
        case "future_timestamp" -> params.get("max_days_after_run_date") instanceof Number ? null : "max_days_after_run_date";
        case "reject_rate" -> params.get("max") instanceof Number ? null : "max (a fraction, e.g. 0.05)";
        case "freshness" -> params.get("max_age_hours") instanceof Number ? null : "max_age_hours";
        case "outlier" -> params.get("mad_threshold") instanceof Number ? null : "mad_threshold";
        default -> null;
      };
      if (missing != null) {
        throw bad(source, where + ": parameter " + missing + " is missing");
      }
      if (kind.equals("pattern")) {
        try {
          Pattern.compile((String) params.get("regex"));
        } catch (PatternSyntaxException e) {
          throw bad(source, where + ": regex does not compile: " + e.getDescription());
        }
      }
      if (kind.equals("range")) {
        for (String p : List.of("min", "max")) {
          if (params.containsKey(p) && !(params.get(p) instanceof Number)) {
            throw bad(source, where + ": parameter " + p + " must be a number");
          }
        }
      }
      rules.add(new Rule(kind, entity, column, Collections.unmodifiableMap(params), severity));
    }
    return new QualityRules(source, rules);
  }

  private static IllegalArgumentException bad(String source, String what) {
    return new IllegalArgumentException("Quality rules file " + source + " " + (what.startsWith("rules[") ? "at " : "") + what);
  }

  public String source() {
    return source;
  }

  public List<Rule> rules() {
    return rules;
  }

  private List<Rule> of(String kind, String entity) {
    return rules.stream().filter(r -> r.rule().equals(kind) && r.entity().equals(entity)).toList();
  }

  /** The entity's rule of this kind, else the {@code *} one. */
  private Optional<Rule> oneOf(String kind, String entity) {
    List<Rule> own = of(kind, entity);
    if (!own.isEmpty()) {
      return Optional.of(own.get(own.size() - 1));
    }
    List<Rule> all = of(kind, "*");
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  private static Table table(String entity) {
    return SilverTables.ENTITIES.stream().filter(t -> t.name().equals(entity)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown entity " + entity));
  }

  /** Required bronze columns (contract {@code *}), in the table's column order. */
  public List<String> requiredColumns(String entity) {
    Set<String> req = new LinkedHashSet<>();
    of("required", entity).forEach(r -> req.add(r.column()));
    return table(entity).columns().stream().map(Column::name).filter(req::contains).toList();
  }

  /** Column → value used when the bronze value is empty. */
  public Map<String, String> defaults(String entity) {
    Map<String, String> d = new LinkedHashMap<>();
    of("default", entity).forEach(r -> d.put(r.column(), String.valueOf(r.parameters().get("value"))));
    return d;
  }

  /** Column → allowed values, lower case. */
  public Map<String, Set<String>> enumerations(String entity) {
    Map<String, Set<String>> e = new LinkedHashMap<>();
    for (Rule r : of("enum", entity)) {
      Set<String> values = new LinkedHashSet<>();
      ((List<?>) r.parameters().get("values")).forEach(v -> values.add(String.valueOf(v).toLowerCase(Locale.ROOT)));
      e.put(r.column(), values);
    }
    return e;
  }

  public List<PatternRule> patterns(String entity) {
    return of("pattern", entity).stream()
        .map(r -> new PatternRule(r.column(), (String) r.parameters().get("regex"),
            Boolean.TRUE.equals(r.parameters().get("upper_case"))))
        .toList();
  }

  public List<Range> ranges(String entity) {
    List<Range> out = new ArrayList<>();
    for (Rule r : of("range", entity)) {
      Map<String, Object> p = r.parameters();
      List<String> product = p.get("max_product_of") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
      out.add(new Range(r.column(), decimal(p.get("min")), decimal(p.get("max")), product));
    }
    return out;
  }

  private static BigDecimal decimal(Object o) {
    return o == null ? null : new BigDecimal(o.toString());
  }

  /** A timestamp is out of range when it is more than this many days after the run date (see ValidateRecords). */
  public int futureTimestampDays(String entity) {
    return oneOf("future_timestamp", entity)
        .map(r -> ((Number) r.parameters().get("max_days_after_run_date")).intValue())
        .orElse(DEFAULT_FUTURE_DAYS);
  }

  /** Highest share of rejected records (0–1) an entity may have before the run fails. */
  public double rejectRateThreshold(String entity) {
    return oneOf("reject_rate", entity).map(r -> ((Number) r.parameters().get("max")).doubleValue()).orElse(DEFAULT_REJECT_RATE);
  }

  /** Records an entity must have read for its reject-rate gate to fail a run (default 100). */
  public long rejectRateMinRows(String entity) {
    return oneOf("reject_rate", entity)
        .map(r -> r.parameters().get("min_rows"))
        .map(v -> ((Number) v).longValue())
        .orElse(DEFAULT_REJECT_RATE_MIN_ROWS);
  }

  public String rejectRateSeverity(String entity) {
    return oneOf("reject_rate", entity).map(Rule::severity).orElse("error");
  }

  public Optional<Freshness> freshness(String entity) {
    return oneOf("freshness", entity)
        .map(r -> new Freshness(entity, r.column(), ((Number) r.parameters().get("max_age_hours")).doubleValue(), r.severity()));
  }

  public List<Outlier> outliers() {
    return rules.stream().filter(r -> r.rule().equals("outlier"))
        .map(r -> new Outlier(r.entity(), r.column(), ((Number) r.parameters().get("mad_threshold")).doubleValue(),
            r.parameters().get("max_examples") instanceof Number n ? n.intValue() : 5, r.severity()))
        .toList();
  }

  public Optional<Outlier> outlier(String entity, String column) {
    return outliers().stream().filter(o -> o.entity().equals(entity) && o.column().equals(column)).reduce((a, b) -> b);
  }

  @Override
  public String toString() {
    return "QualityRules(" + source + ", " + rules.size() + " rules)";
  }
}

package io.ecompipeline.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the Terraform under {@code terraform/} that can be checked without providers: the
 * environments wire every module correctly (existing source folder, all required variables
 * passed, no undeclared ones), and every variable and output is documented.
 *
 * <p>The HCL reader is a small block scanner: it matches braces while skipping strings
 * (including {@code ${...}} interpolations), heredocs and comments. It only needs the block
 * structure and top-level attribute names, not full HCL.
 */
class TerraformModulesTest {

  private static Path terraformDir;

  @BeforeAll
  static void locateTerraform() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("terraform").resolve("modules"))) {
      dir = dir.getParent();
    }
    assertTrue(dir != null, "no terraform/modules folder above " + Path.of("").toAbsolutePath());
    terraformDir = dir.resolve("terraform");
  }

  // ---------------------------------------------------------------------------------------
  // The checks
  // ---------------------------------------------------------------------------------------

  @Test
  void modulesAndEnvironmentsExist() {
    assertThat(
        names(terraformDir.resolve("modules")),
        hasItems("lake", "emr", "redshift", "iam", "orchestration", "monitoring"));
    assertThat(names(terraformDir.resolve("environments")), hasItems("dev", "prod"));
  }

  @Test
  void everyEnvironmentComposesEveryModule() {
    Set<String> modules = names(terraformDir.resolve("modules"));
    for (Path env : subdirs(terraformDir.resolve("environments"))) {
      Set<String> used = new LinkedHashSet<>();
      for (Block call : blocksOfType(parseDir(env), "module")) {
        String source = call.stringAttribute("source");
        if (source != null && source.startsWith("../../modules/")) {
          used.add(source.substring("../../modules/".length()));
        }
      }
      assertThat("modules used by " + env.getFileName(), used, equalTo(modules));
    }
  }

  @Test
  void moduleCallsMatchModuleVariables() {
    List<String> problems = new ArrayList<>();
    for (Path env : subdirs(terraformDir.resolve("environments"))) {
      problems.addAll(checkModuleCalls(env));
    }
    assertThat(String.join("\n", problems), problems, is(empty()));
  }

  @Test
  void everyVariableHasTypeAndDescription() {
    List<String> problems = new ArrayList<>();
    for (Path file : tfFiles(terraformDir)) {
      for (Block v : blocksOfType(parse(file), "variable")) {
        for (String attr : List.of("type", "description")) {
          if (!v.attributes.containsKey(attr)) {
            problems.add(where(file, v) + ": variable \"" + v.label(0) + "\" has no " + attr);
          }
        }
      }
    }
    assertThat(String.join("\n", problems), problems, is(empty()));
  }

  @Test
  void everyOutputHasDescription() {
    List<String> problems = new ArrayList<>();
    for (Path file : tfFiles(terraformDir)) {
      for (Block o : blocksOfType(parse(file), "output")) {
        if (!o.attributes.containsKey("description")) {
          problems.add(where(file, o) + ": output \"" + o.label(0) + "\" has no description");
        }
      }
    }
    assertThat(String.join("\n", problems), problems, is(empty()));
  }

  @Test
  void emrDefaultsToAReleaseWithFlink119() {
    Block release =
        blocksOfType(parseDir(terraformDir.resolve("modules/emr")), "variable").stream()
            .filter(b -> b.label(0).equals("release_label"))
            .findFirst()
            .orElseThrow();
    assertThat(release.stringAttribute("default"), equalTo("emr-7.6.0"));
  }

  // The checks must be able to fail: run them on broken copies of an environment.

  @Test
  void aMissingRequiredVariableIsReported(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws IOException {
    Path env = copyEnvironment(tmp);
    Path main = env.resolve("main.tf");
    String text = Files.readString(main);
    Files.writeString(main, text.replaceFirst("(?m)^\\s*bucket_name\\s*=.*$", ""));
    assertThat(
        String.join("\n", checkModuleCalls(env)),
        org.hamcrest.Matchers.containsString("misses required variable \"bucket_name\""));
  }

  @Test
  void anUndeclaredVariableAndABadSourceAreReported(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws IOException {
    Path env = copyEnvironment(tmp);
    Path main = env.resolve("main.tf");
    String text = Files.readString(main);
    text = text.replace("source = \"../../modules/lake\"", "source = \"../../modules/lake\"\n  no_such_var = 1");
    text = text.replace("\"../../modules/monitoring\"", "\"../../modules/monitorin\"");
    Files.writeString(main, text);
    String report = String.join("\n", checkModuleCalls(env));
    assertThat(report, org.hamcrest.Matchers.containsString("undeclared variable \"no_such_var\""));
    assertThat(report, org.hamcrest.Matchers.containsString("modules/monitorin"));
  }

  @Test
  void scannerSkipsStringsHeredocsAndComments() {
    String hcl =
        String.join(
            "\n",
            "# a comment with { brace",
            "// another } one",
            "/* block { comment */",
            "variable \"x\" {",
            "  type        = string",
            "  description = \"has } and ${var.y} and \\\" quote {\"",
            "  default = <<-EOT",
            "    heredoc with } and {",
            "  EOT",
            "}",
            "output \"o\" {",
            "  value = { a = \"}\" }",
            "}");
    List<Block> blocks = parseText(hcl);
    assertThat(blocks.size(), equalTo(2));
    assertThat(blocks.get(0).attributes.keySet(), hasItems("type", "description", "default"));
    assertThat(blocks.get(1).attributes.keySet(), equalTo(Set.of("value")));
    assertThat(blocks.get(1).attributes.keySet(), not(hasItems("a")));
    assertThrows(IllegalStateException.class, () -> parseText("variable \"x\" {\n type = string\n"));
  }

  // ---------------------------------------------------------------------------------------
  // Module call checking
  // ---------------------------------------------------------------------------------------

  /** Meta-arguments of a module block that are not module variables. */
  private static final Set<String> MODULE_META =
      Set.of("source", "version", "providers", "count", "for_each", "depends_on");

  private static List<String> checkModuleCalls(Path env) {
    List<String> problems = new ArrayList<>();
    for (Block call : blocksOfType(parseDir(env), "module")) {
      String name = env.getFileName() + ": module \"" + call.label(0) + "\"";
      String source = call.stringAttribute("source");
      if (source == null) {
        problems.add(name + " has no literal source");
        continue;
      }
      Path moduleDir = env.resolve(source).normalize();
      if (!source.startsWith("../../modules/")
          || !Files.isDirectory(moduleDir)
          || tfFiles(moduleDir).isEmpty()) {
        problems.add(name + " points at " + source + ", which is not a module folder");
        continue;
      }
      Map<String, Boolean> declared = new LinkedHashMap<>(); // name -> has default
      for (Block v : blocksOfType(parseDir(moduleDir), "variable")) {
        declared.put(v.label(0), v.attributes.containsKey("default"));
      }
      Set<String> passed = new LinkedHashSet<>(call.attributes.keySet());
      passed.removeAll(MODULE_META);
      for (String p : passed) {
        if (!declared.containsKey(p)) {
          problems.add(name + " passes undeclared variable \"" + p + "\" to " + source);
        }
      }
      declared.forEach(
          (v, hasDefault) -> {
            if (!hasDefault && !passed.contains(v)) {
              problems.add(name + " misses required variable \"" + v + "\" of " + source);
            }
          });
    }
    return problems;
  }

  private static Path copyEnvironment(Path tmp) throws IOException {
    // Same depth as the real one, so ../../modules/x resolves to a copy of the modules.
    Path root = tmp.resolve("terraform");
    copyTree(terraformDir.resolve("modules"), root.resolve("modules"));
    Path env = root.resolve("environments/dev");
    copyTree(terraformDir.resolve("environments/dev"), env);
    assertThat("the copy starts clean", checkModuleCalls(env), is(empty()));
    return env;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.filter(p -> !p.toString().contains(".terraform")).collect(Collectors.toList())) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(p, target);
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Files
  // ---------------------------------------------------------------------------------------

  private static Set<String> names(Path dir) {
    return subdirs(dir).stream()
        .map(p -> p.getFileName().toString())
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  private static List<Path> subdirs(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** All .tf files under dir, skipping provider caches. */
  private static List<Path> tfFiles(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".tf"))
          .filter(p -> !p.toString().contains(java.io.File.separator + ".terraform"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Top-level blocks of the .tf files directly in dir (one Terraform module). */
  private static List<Block> parseDir(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      List<Block> blocks = new ArrayList<>();
      s.filter(p -> p.toString().endsWith(".tf")).sorted().forEach(p -> blocks.addAll(parse(p)));
      return blocks;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Block> parse(Path file) {
    try {
      return parseText(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(file + ": " + e.getMessage(), e);
    }
  }

  private static List<Block> blocksOfType(List<Block> blocks, String type) {
    return blocks.stream().filter(b -> b.type.equals(type)).collect(Collectors.toList());
  }

  private static String where(Path file, Block b) {
    return terraformDir.relativize(file) + ":" + b.line;
  }

  // ---------------------------------------------------------------------------------------
  // The HCL block scanner
  // ---------------------------------------------------------------------------------------

  /** A top-level block: type, labels, and the raw text of its top-level attributes. */
  static final class Block {
    final String type;
    final List<String> labels;
    final int line;
    final Map<String, String> attributes = new LinkedHashMap<>();

    Block(String type, List<String> labels, int line) {
      this.type = type;
      this.labels = labels;
      this.line = line;
    }

    String label(int i) {
      return i < labels.size() ? labels.get(i) : "";
    }

    /** The attribute's value if it is a plain quoted string, else null. */
    String stringAttribute(String name) {
      String raw = attributes.get(name);
      if (raw == null) {
        return null;
      }
      Matcher m = Pattern.compile("^\"([^\"\\\\$]*)\"$").matcher(raw.trim());
      return m.matches() ? m.group(1) : null;
    }
  }

  private static final Pattern HEADER =
      Pattern.compile("^([A-Za-z_][A-Za-z0-9_-]*)((?:\\s+\"[^\"]*\")*)\\s*$");
  private static final Pattern ATTRIBUTE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_-]*)\\s*=(?!=)");
  private static final Pattern LABEL = Pattern.compile("\"([^\"]*)\"");

  /**
   * Splits HCL text into top-level blocks. Inside a block, a line at nesting depth 1 of the
   * form {@code name = ...} starts an attribute whose raw value runs to the end of that line
   * (or, when it opens brackets, to where they close).
   */
  static List<Block> parseText(String text) {
    String code = blankOutNonCode(text);
    List<Block> blocks = new ArrayList<>();
    int depth = 0;
    Block current = null;
    String pendingAttr = null;
    int attrStart = 0;
    int attrDepth = 0;
    int lineStart = 0;
    int line = 1;
    for (int i = 0; i <= code.length(); i++) {
      char c = i < code.length() ? code.charAt(i) : '\n';
      if (c == '{' || c == '[' || c == '(') {
        if (depth == 0 && c == '{') {
          String header = code.substring(lineStart, i).trim();
          Matcher h = HEADER.matcher(header);
          if (!h.matches()) {
            throw new IllegalStateException("line " + line + ": unexpected block header '" + header + "'");
          }
          List<String> labels = new ArrayList<>();
          Matcher l = LABEL.matcher(text.substring(lineStart, i));
          while (l.find()) {
            labels.add(l.group(1));
          }
          current = new Block(h.group(1), labels, line);
          blocks.add(current);
        }
        depth++;
      } else if (c == '}' || c == ']' || c == ')') {
        depth--;
        if (depth < 0) {
          throw new IllegalStateException("line " + line + ": unbalanced '" + c + "'");
        }
        if (depth == 0 && c == '}') {
          current = null;
        }
      } else if (c == '\n') {
        if (pendingAttr != null && depth <= attrDepth) {
          current.attributes.put(pendingAttr, text.substring(attrStart, i).trim());
          pendingAttr = null;
        }
        if (current != null && depth == 1 && pendingAttr == null && i + 1 < code.length()) {
          // a new line at depth 1: look for "name =" at its start
          int next = code.indexOf('\n', i + 1);
          String nextLine = code.substring(i + 1, next < 0 ? code.length() : next).trim();
          Matcher a = ATTRIBUTE.matcher(nextLine);
          if (a.find()) {
            pendingAttr = a.group(1);
            int offset = code.indexOf(pendingAttr, i + 1);
            attrStart = code.indexOf('=', offset + pendingAttr.length()) + 1;
            attrDepth = 1;
          }
        }
        line++;
        lineStart = i + 1;
      }
    }
    if (depth != 0) {
      throw new IllegalStateException("unbalanced braces at end of file (depth " + depth + ")");
    }
    return blocks;
  }

  /**
   * Returns text of the same length where comments, string contents (with their {@code ${}}
   * interpolations) and heredoc bodies are replaced by spaces, keeping newlines and the quote
   * characters, so brace matching and line numbers work on the result.
   */
  static String blankOutNonCode(String text) {
    StringBuilder out = new StringBuilder(text);
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')) {
        while (i < n && text.charAt(i) != '\n') {
          out.setCharAt(i++, ' ');
        }
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        blank(out, i, end);
        i = end;
      } else if (c == '"') {
        i = skipString(text, out, i + 1);
      } else if (c == '<' && text.startsWith("<<", i)) {
        Matcher m = Pattern.compile("<<-?([A-Za-z_][A-Za-z0-9_]*)[ \\t]*\\n").matcher(text);
        if (m.find(i) && m.start() == i) {
          String marker = m.group(1);
          int bodyStart = m.end();
          Matcher endM =
              Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(marker) + "[ \\t]*$").matcher(text);
          int end = endM.find(bodyStart) ? endM.end() : n;
          blank(out, i, end);
          i = end;
        } else {
          i += 2;
        }
      } else {
        i++;
      }
    }
    return out.toString();
  }

  /** Blanks a string body starting after its opening quote; returns the index after it. */
  private static int skipString(String text, StringBuilder out, int i) {
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < n) {
        out.setCharAt(i, ' ');
        out.setCharAt(i + 1, ' ');
        i += 2;
      } else if (c == '"') {
        return i + 1;
      } else if ((c == '$' || c == '%') && i + 1 < n && text.charAt(i + 1) == '{') {
        // Template interpolation/directive: skip to the matching '}', including nested strings.
        out.setCharAt(i, ' ');
        out.setCharAt(i + 1, ' ');
        i += 2;
        int depth = 1;
        while (i < n && depth > 0) {
          char d = text.charAt(i);
          if (d == '"') {
            out.setCharAt(i, ' ');
            int end = skipString(text, out, i + 1);
            if (end - 1 < n) {
              out.setCharAt(end - 1, ' ');
            }
            i = end;
            continue;
          }
          if (d == '{') {
            depth++;
          } else if (d == '}') {
            depth--;
          }
          if (d != '\n') {
            out.setCharAt(i, ' ');
          }
          i++;
        }
      } else {
        if (c != '\n') {
          out.setCharAt(i, ' ');
        }
        i++;
      }
    }
    return i;
  }

  private static void blank(StringBuilder out, int from, int to) {
    for (int k = from; k < to; k++) {
      if (out.charAt(k) != '\n') {
        out.setCharAt(k, ' ');
      }
    }
  }
}

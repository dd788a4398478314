package io.ecompipeline.warehouse.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** docs/data-dictionary.md is generated from the DDL comments; this fails when it drifts. */
class DataDictionaryTest {
  @Test
  void docsDataDictionaryIsWhatTheGeneratorProducesFromTheDdl() throws Exception {
    String expected = DataDictionary.render();
    if (Boolean.getBoolean("data-dictionary.write")) {
      DataDictionary.main(new String[0]);
    }
    assertTrue(Files.exists(DataDictionary.FILE),
        "docs/data-dictionary.md is missing; generate it from the repository root with:\n  " + DataDictionary.REGENERATE);
    String actual = Files.readString(DataDictionary.FILE, StandardCharsets.UTF_8);
    assertEquals(expected, actual,
        "docs/data-dictionary.md differs from the DDL comments (warehouse-ddl/src/main/resources/ddl/redshift). "
            + "Do not edit it by hand; regenerate it from the repository root with:\n  " + DataDictionary.REGENERATE + "\n");
  }

  @Test
  void everyTableAndColumnOfTheDdlIsInTheDictionary() {
    String md = DataDictionary.render();
    for (StarSchema.TableDef t : StarSchema.definitions().values()) {
      assertTrue(md.contains("\n## " + t.name() + "\n"), t.name());
      for (StarSchema.Column c : t.columns()) assertTrue(md.contains("| `" + c.name() + "` | " + c.sqlType()), t.name() + "." + c.name());
    }
  }
}

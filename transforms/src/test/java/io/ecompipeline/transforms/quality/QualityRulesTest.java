package io.ecompipeline.transforms.quality;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityRulesTest {
  @TempDir Path dir;

  @Test
  void defaultsCarryTheContractRulesAndThresholds() {
    QualityRules r = QualityRules.defaults();
    assertThat(r.requiredColumns("customers"), contains("customer_id", "region", "country", "updated_at"));
    assertThat(r.defaults("order_items").get("discount_amount"), equalTo("0.00"));
    assertThat(r.enumerations("orders").get("status").contains("returned"), equalTo(true));
    assertThat(r.rejectRateThreshold("orders"), equalTo(0.05));
    assertThat(r.futureTimestampDays("payments"), equalTo(1));
    assertThat(r.freshness("orders").orElseThrow().maxAgeHours(), equalTo(24.0));
    assertThat(r.freshness("orders").orElseThrow().severity(), equalTo("warning"));
    assertThat(r.outlier("orders", "order_total").orElseThrow().threshold(), equalTo(5.0));
    assertThat(r.freshness("order_items").isPresent(), equalTo(false));
  }

  @Test
  void anEntityRuleOverridesTheStarRule() throws IOException {
    Path f = dir.resolve("rules.json");
    Files.writeString(f, "{\"rules\":[{\"rule\":\"reject_rate\",\"entity\":\"*\",\"parameters\":{\"max\":0.05}},"
        + "{\"rule\":\"reject_rate\",\"entity\":\"clickstream\",\"parameters\":{\"max\":0.2}}]}");
    QualityRules r = QualityRules.fromFile(f.toString());
    assertThat(r.rejectRateThreshold("clickstream"), equalTo(0.2));
    assertThat(r.rejectRateThreshold("orders"), equalTo(0.05));
  }

  @Test
  void aBadFileGetsAnErrorSayingWhereAndWhat() throws IOException {
    Path notJson = dir.resolve("a.json");
    Files.writeString(notJson, "{rules: [");
    assertThat(assertThrows(IllegalArgumentException.class, () -> QualityRules.fromFile(notJson.toString())).getMessage(),
        containsString("is not valid JSON"));
    Path unknownRule = dir.resolve("b.json");
    Files.writeString(unknownRule, "{\"rules\":[{\"rule\":\"required\",\"entity\":\"orders\",\"column\":\"order_id\"},"
        + "{\"rule\":\"unique\",\"entity\":\"orders\",\"column\":\"order_id\"}]}");
    String m = assertThrows(IllegalArgumentException.class, () -> QualityRules.fromFile(unknownRule.toString())).getMessage();
    assertThat(m, containsString(unknownRule.toString()));
    assertThat(m, containsString("rules[1]"));
    assertThat(m, containsString("unknown rule \"unique\""));
    Path badColumn = dir.resolve("c.json");
    Files.writeString(badColumn, "{\"rules\":[{\"rule\":\"range\",\"entity\":\"orders\",\"column\":\"qty\",\"parameters\":{\"min\":1}}]}");
    assertThat(assertThrows(IllegalArgumentException.class, () -> QualityRules.fromFile(badColumn.toString())).getMessage(),
        containsString("orders has no column qty"));
    Path noParam = dir.resolve("d.json");
    Files.writeString(noParam, "{\"rules\":[{\"rule\":\"enum\",\"entity\":\"orders\",\"column\":\"status\"}]}");
    assertThat(assertThrows(IllegalArgumentException.class, () -> QualityRules.fromFile(noParam.toString())).getMessage(),
        containsString("parameter values (a non-empty list) is missing"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> QualityRules.fromFile(dir.resolve("missing.json").toString())).getMessage(),
        containsString("Cannot read quality rules file"));
  }
}

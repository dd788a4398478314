package io.ecompipeline.pipelines.ops;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

/** PII hashing: salted, deterministic, idempotent on already-masked silver, other columns untouched. */
class MaskPiiTest {
  static final Schema CUSTOMER = Schema.builder()
      .addStringField("customer_id")
      .addNullableField("email", Schema.FieldType.STRING)
      .addNullableField("first_name", Schema.FieldType.STRING)
      .addNullableField("last_name", Schema.FieldType.STRING)
      .addNullableField("phone", Schema.FieldType.STRING)
      .addNullableField("city", Schema.FieldType.STRING)
      .build();

  @Test
  void hashesTheFourPiiColumnsAndKeepsTheRest() {
    Row ana = Row.withSchema(CUSTOMER).addValues("C1", "ana@example.com", "Ana", "Silva", "+55 11 5555", "Recife").build();
    Row noPhone = Row.withSchema(CUSTOMER).addValues("C2", "bo@example.com", "Bo", "Li", null, "Lyon").build();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    PCollection<Row> masked = p.apply(Create.of(ana, noPhone).withRowSchema(CUSTOMER)).apply(MaskPii.withSalt("s1"));
    // Masking masked rows again (previous silver read back) changes nothing.
    PCollection<Row> twice = masked.apply("again", MaskPii.withSalt("s1"));
    Row expectedAna = Row.withSchema(CUSTOMER).addValues("C1", MaskPii.hash("s1", "ana@example.com"), MaskPii.hash("s1", "Ana"),
        MaskPii.hash("s1", "Silva"), MaskPii.hash("s1", "+55 11 5555"), "Recife").build();
    Row expectedBo = Row.withSchema(CUSTOMER).addValues("C2", MaskPii.hash("s1", "bo@example.com"), MaskPii.hash("s1", "Bo"),
        MaskPii.hash("s1", "Li"), null, "Lyon").build();
    PAssert.that(masked).containsInAnyOrder(expectedAna, expectedBo);
    PAssert.that(twice).containsInAnyOrder(expectedAna, expectedBo);
    p.run().waitUntilFinish();
  }

  @Test
  void theHashIsSaltedSha256HexAndDeterministic() {
    String h = MaskPii.hash("salt", "ana@example.com");
    assertThat(h, matchesPattern("[0-9a-f]{64}"));
    assertThat(MaskPii.hash("salt", "ana@example.com"), is(h));
    assertThat(MaskPii.hash("other", "ana@example.com"), not(h));
    assertThat(MaskPii.PII_COLUMNS, is(List.of("email", "phone", "first_name", "last_name")));
  }

  @Test
  void onlySixtyFourLowercaseHexDigitsCountAsAHashAlready() {
    String h = MaskPii.hash("salt", "ana@example.com");
    assertThat(MaskPii.isHash(h), is(true));
    assertThat(MaskPii.hash("salt", h), is(h));
    assertThat(MaskPii.isHash(h.toUpperCase()), is(false));
    assertThat(MaskPii.isHash(h.substring(1)), is(false));
    assertThat(MaskPii.isHash(h + "0"), is(false));
    assertThat(MaskPii.isHash("g" + h.substring(1)), is(false));
    assertThat(MaskPii.isHash(h.substring(1) + "/"), is(false));
    assertThat(MaskPii.isHash(h.substring(1) + ":"), is(false));
    assertThat(MaskPii.isHash(""), is(false));
  }
}

package io.ecompipeline.transforms.util;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;

/**
 * Decodes rows a multi-output ParDo emitted encoded. On Flink every output of such a ParDo goes to
 * each output's filter, and each filter copies every element it is given by decoding and
 * re-encoding it: for a byte array that is a copy, for a row field by field. So a large output
 * leaves encoded and is decoded once, here, right after its own filter.
 */
public final class DecodeRows extends DoFn<byte[], Row> {
  private final Coder<Row> coder;

  public DecodeRows(Coder<Row> coder) {
    this.coder = coder;
  }

  @ProcessElement
  public void process(@Element byte[] encoded, OutputReceiver<Row> out) {
    out.output(InMemoryBytes.decode(coder, encoded));
  }
}

package io.ecompipeline.transforms.quality;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Requirements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key-hash set larger than Flink's sort buffers, on an embedded Flink with little managed memory:
 * no record may hold the whole set on its way to the side input (a scale-100 day failed three
 * ways: a bundle's array, a combine's accumulator and Beam's singleton view, each one record).
 */
class KeyHashesOnFlinkTest {
  private static final int KEYS = 4_000_000; // 32 MB of hashes

  @Test
  void aSetLargerThanASortBufferReachesItsReaders(@TempDir Path conf) throws Exception {
    Files.writeString(conf.resolve("config.yaml"), "taskmanager.memory.managed.size: 16m\n");
    FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    options.setRunner(FlinkRunner.class);
    options.setFlinkMaster("[local]");
    options.setParallelism(2);
    options.setFlinkConfDir(conf.toString());
    Pipeline p = Pipeline.create(options);

    PCollectionView<Iterable<KeyHashes>> set = p.apply("Keys", GenerateSequence.from(0).to(KEYS))
        .apply("As text", MapElements.into(TypeDescriptors.strings()).via((Long n) -> "k" + n))
        .apply("Set", KeyHashes.collected());
    PCollection<String> found = p.apply("Probes", Create.of("k0", "k" + (KEYS - 1), "k" + KEYS))
        .apply("Look up", MapElements.into(TypeDescriptors.strings()).via(Contextful.fn(
            (String k, Contextful.Fn.Context c) -> k + (KeyHashes.from(c.sideInput(set)).mightContain(k) ? " in" : " not in"),
            Requirements.requiresSideInputs(set))));
    PAssert.that(found).containsInAnyOrder("k0 in", "k" + (KEYS - 1) + " in", "k" + KEYS + " not in");
    p.run().waitUntilFinish();
  }
}

package io.ecompipeline.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class LocalFlinkConfTest {
  @Test
  void managedMemoryIsAThirdOfTheHeapWithinBounds() {
    assertThat(LocalFlinkConf.yaml(8L << 30), containsString("taskmanager.memory.managed.size: 2730m\n"));
    assertThat(LocalFlinkConf.yaml(256L << 20), containsString("taskmanager.memory.managed.size: 128m\n"));
    assertThat(LocalFlinkConf.yaml(64L << 30), containsString("taskmanager.memory.managed.size: 3072m\n"));
  }

  @Test
  void localFlinkRunsReadTheWrittenConfiguration() throws Exception {
    String args = RunnerKind.flink.options(2).as(org.apache.beam.sdk.options.ApplicationNameOptions.class).toString();
    assertThat(args, containsString("flinkConfDir"));
    assertThat(Files.readString(LocalFlinkConf.directory().resolve("config.yaml")),
        equalTo(LocalFlinkConf.yaml(Runtime.getRuntime().maxMemory())));
  }
}

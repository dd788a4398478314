package io.ecompipeline.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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

  @Test
  void theConfigurationFolderIsGoneWhenTheJvmExits() throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), WriteAndExit.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes()).trim();
    assertThat(child.waitFor(60, TimeUnit.SECONDS), is(true));
    assertThat(out, child.exitValue(), equalTo(0));
    Path dir = Path.of(out.substring(out.lastIndexOf('\n') + 1));
    assertThat(dir + " is left behind", Files.exists(dir), is(false));
  }

  /** Writes the configuration, prints its folder and exits. */
  public static final class WriteAndExit {
    public static void main(String[] args) {
      System.out.println(LocalFlinkConf.directory());
    }
  }
}

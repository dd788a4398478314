package io.ecompipeline.runners.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar users run and EMR is given: lean (issue 6 names the 230 MiB of a naive shaded
 * Flink jar), with the native libraries of the supported platforms (Linux x86_64 and aarch64,
 * macOS) and of no other, as the parent pom's shade filter says.
 */
class RunnerJarIT {
  private static final File JAR = new File(System.getProperty("ecom.flinkJar", "target/ecom-flink.jar"));

  /** One native each that the embedded warehouse, Parquet's codecs and Flink's shuffle load on a supported platform. */
  private static final List<String> KEPT = List.of(
      "libduckdb_java.so_linux_amd64", "libduckdb_java.so_linux_arm64", "libduckdb_java.so_macos_arm64",
      "org/xerial/snappy/native/Linux/x86_64/libsnappyjava.so", "org/xerial/snappy/native/Linux/aarch64/libsnappyjava.so",
      "org/xerial/snappy/native/Mac/aarch64/libsnappyjava.dylib",
      "linux/amd64/libzstd-jni-1.5.0-1.so", "linux/aarch64/libzstd-jni-1.5.0-1.so", "darwin/aarch64/libzstd-jni-1.5.0-1.dylib",
      "net/jpountz/util/linux/amd64/liblz4-java.so", "net/jpountz/util/linux/aarch64/liblz4-java.so");

  private static final Pattern OTHER_PLATFORM = Pattern.compile(
      "(?i).*(windows|win32|(^|/)win/|\\.dll$|freebsd|aix|sunos|android|s390x|ppc|mips|riscv|loongarch|i386|/x86/|linux/arm/|armv[67]).*");

  @Test
  void theJarIsLeanerThanANaiveShadedFlinkJar() {
    assertTrue(JAR.length() < 230L << 20, JAR + " is " + (JAR.length() >> 20) + " MiB");
  }

  @Test
  void itCarriesTheNativesOfTheSupportedPlatformsAndNoOthers() throws IOException {
    try (ZipFile zip = new ZipFile(JAR)) {
      for (String kept : KEPT) {
        assertTrue(zip.getEntry(kept) != null, kept + " is missing from " + JAR);
      }
      List<String> others = zip.stream().map(e -> e.getName())
          .filter(n -> n.matches("(?i).*(\\.so|\\.dll|\\.dylib|\\.jnilib|\\.a|libduckdb_java\\.so_.*)$"))
          .filter(n -> OTHER_PLATFORM.matcher(n).matches())
          .toList();
      assertEquals(List.of(), others);
    }
  }
}

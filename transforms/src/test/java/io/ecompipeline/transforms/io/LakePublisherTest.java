package io.ecompipeline.transforms.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecompipeline.transforms.io.LakePublisher.PublishResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a publish does with changed, identical, vanished and kept files. */
class LakePublisherTest {
  @TempDir Path tmp;

  private Path file(String relative, String content) throws IOException {
    Path p = tmp.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content, StandardCharsets.UTF_8);
  }

  @Test
  void changedFilesMoveInIdenticalAndKeptOnesStayGoneOnesGo() throws IOException {
    file("live/month=2025-01/a.parquet", "old a");
    file("live/month=2025-01/b.parquet", "b");
    Path kept = file("live/month=2025-02/c.parquet", "c");
    FileTime keptTime = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(kept, keptTime);
    file("live/month=2025-03/d.parquet", "d, no longer produced");
    file("staging/month=2025-01/a.parquet", "new a");
    file("staging/month=2025-01/b.parquet", "b");
    file("staging/month=2025-02/c.parquet" + LakePublisher.KEPT, "");

    PublishResult r = LakePublisher.publish(tmp.resolve("staging").toString(), tmp.resolve("live").toString());

    assertEquals(List.of("month=2025-01/a.parquet"), r.written());
    assertEquals(List.of("month=2025-03/d.parquet"), r.deleted());
    assertEquals(2, r.unchanged());
    assertEquals("new a", Files.readString(tmp.resolve("live/month=2025-01/a.parquet")));
    assertEquals("c", Files.readString(kept));
    assertEquals(keptTime, Files.getLastModifiedTime(kept), "a kept file is not rewritten");
    assertFalse(Files.exists(tmp.resolve("live/month=2025-02/c.parquet" + LakePublisher.KEPT)), "the marker is not published");
    assertFalse(Files.exists(tmp.resolve("live/month=2025-03/d.parquet")));
    assertEquals(List.of("month=2025-01", "month=2025-03"), r.touchedPartitions());
  }

  @Test
  void aKeptFileThatVanishedFailsThePublishBeforeAnythingMoves() throws IOException {
    file("live/month=2025-01/a.parquet", "old a");
    file("staging/month=2025-01/a.parquet", "new a");
    file("staging/month=2025-02/c.parquet" + LakePublisher.KEPT, "");

    IOException e = assertThrows(IOException.class,
        () -> LakePublisher.publish(tmp.resolve("staging").toString(), tmp.resolve("live").toString()));

    assertTrue(e.getMessage().contains("month=2025-02/c.parquet") && e.getMessage().contains("re-run"), e.getMessage());
    assertEquals("old a", Files.readString(tmp.resolve("live/month=2025-01/a.parquet")), "nothing was published");
  }

  @Test
  void anIncrementalPublishKeepsAReplacedFileThatItsWriterKept() throws IOException {
    file("live/event_date=2025-01-01/part-2025-01-01.parquet", "day 1");
    file("staging/event_date=2025-01-01/part-2025-01-01.parquet" + LakePublisher.KEPT, "");

    PublishResult r = LakePublisher.publishReplacing(tmp.resolve("staging").toString(), tmp.resolve("live").toString(),
        List.of("event_date=2025-01-01/part-2025-01-01.parquet"));

    assertFalse(r.changed());
    assertEquals("day 1", Files.readString(tmp.resolve("live/event_date=2025-01-01/part-2025-01-01.parquet")));
  }

  @Test
  void aPublishWithinFoldersReplacesThoseFoldersAndKeepsTheOthers() throws IOException {
    Path untouched = file("live/month=2025-01/part-20250105.parquet", "january");
    FileTime time = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(untouched, time);
    file("live/month=2025-02/part-20250201.parquet", "old february 1");
    file("live/month=2025-02/part-20250202.parquet", "february 2, no longer produced");
    file("live/month=2025-03/part-20250301.parquet", "march, whose only order moved away");
    file("staging/month=2025-02/part-20250201.parquet", "new february 1");

    PublishResult r = LakePublisher.publishWithin(tmp.resolve("staging").toString(), tmp.resolve("live").toString(),
        List.of("month=2025-02", "month=2025-03"));

    assertEquals(List.of("month=2025-02/part-20250201.parquet"), r.written());
    assertEquals(List.of("month=2025-02/part-20250202.parquet", "month=2025-03/part-20250301.parquet"), r.deleted());
    assertEquals("january", Files.readString(untouched));
    assertEquals(time, Files.getLastModifiedTime(untouched), "a folder outside those replaced is not touched");
    assertEquals("new february 1", Files.readString(tmp.resolve("live/month=2025-02/part-20250201.parquet")));
  }
}

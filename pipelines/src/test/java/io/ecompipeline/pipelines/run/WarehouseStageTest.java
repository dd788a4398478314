package io.ecompipeline.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ecompipeline.pipelines.cli.RunnerKind;
import io.ecompipeline.pipelines.s3.BeamBlobStore;
import io.ecompipeline.warehouse.load.LocalBlobStore;
import org.junit.jupiter.api.Test;

class WarehouseStageTest {
  private static RunSettings settings(String url) {
    return new RunSettings("s3://bucket/lake", RunnerKind.flink, 2, url, "analytics", null, 2);
  }

  @Test
  void redshiftManifestsGoThroughBeamFileSystemsSoTheyCanLandOnS3() {
    assertInstanceOf(BeamBlobStore.class,
        WarehouseStage.warehouseSettings(settings("jdbc:redshift://cluster:5439/dev")).manifestStore());
    assertInstanceOf(LocalBlobStore.class, WarehouseStage.warehouseSettings(settings("jdbc:duckdb:x.duckdb")).manifestStore());
  }
}

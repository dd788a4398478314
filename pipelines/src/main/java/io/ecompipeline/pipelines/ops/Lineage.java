package io.ecompipeline.pipelines.ops;

import io.ecompipeline.transforms.io.LakeFiles;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenLineage run events (START, COMPLETE, FAIL) for the stages of a run, built with the official
 * client's model: always appended to {@code _runs/<run-id>/openlineage.jsonl}, and posted to an
 * HTTP endpoint (Marquez and the like) when one is configured. Lineage never fails a run.
 */
public final class Lineage {
  public static final URI PRODUCER = URI.create("https://github.com/ecompipeline/ecom-pipeline");
  public static final String JOB_NAMESPACE = "ecom-pipeline";
  private static final Logger LOG = LoggerFactory.getLogger(Lineage.class);

  private final OpenLineage ol = new OpenLineage(PRODUCER);
  private final String datasetNamespace;
  private final String runId;
  private final String filePath;
  private final OpenLineageClient http;
  private final StringBuilder written = new StringBuilder();

  /** The inputs and outputs of a stage, as dataset names under the lake (e.g. {@code silver/orders}). */
  public record Datasets(String namespace, List<String> inputs, String outputNamespace, List<String> outputs) {}

  public Lineage(String lake, String runId, String filePath, URI httpUrl) {
    this.datasetNamespace = namespaceOf(lake);
    this.runId = runId;
    this.filePath = filePath;
    if (httpUrl == null) {
      this.http = null;
    } else {
      HttpConfig config = new HttpConfig();
      config.setUrl(httpUrl);
      this.http = OpenLineageClient.builder().transport(new HttpTransport(config)).build();
    }
  }

  /** The lake root as a dataset namespace: {@code s3://bucket/prefix} as is, a folder as a {@code file://} URI. */
  public static String namespaceOf(String lake) {
    if (lake.contains("://")) {
      return lake.replaceAll("/+$", "");
    }
    return "file://" + Path.of(lake).toAbsolutePath().normalize();
  }

  public String datasetNamespace() {
    return datasetNamespace;
  }

  /** The run id of a stage: a name-based UUID of run id and stage, so a re-run of a date is traceable to earlier ones. */
  public static UUID stageRunId(String runId, String stage) {
    return UUID.nameUUIDFromBytes(("ecom-pipeline/" + runId + "/" + stage).getBytes(StandardCharsets.UTF_8));
  }

  public void start(String stage, Datasets ds) {
    emit(OpenLineage.RunEvent.EventType.START, stage, ds, null);
  }

  public void complete(String stage, Datasets ds) {
    emit(OpenLineage.RunEvent.EventType.COMPLETE, stage, ds, null);
  }

  public void fail(String stage, Datasets ds, String message) {
    emit(OpenLineage.RunEvent.EventType.FAIL, stage, ds, message);
  }

  private void emit(OpenLineage.RunEvent.EventType type, String stage, Datasets ds, String error) {
    OpenLineage.RunFacetsBuilder facets = ol.newRunFacetsBuilder();
    if (error != null) {
      facets.errorMessage(ol.newErrorMessageRunFacetBuilder().message(error).programmingLanguage("JAVA").build());
    }
    OpenLineage.RunEvent event = ol.newRunEventBuilder()
        .eventType(type)
        .eventTime(ZonedDateTime.now(ZoneOffset.UTC))
        .run(ol.newRunBuilder().runId(stageRunId(runId, stage)).facets(facets.build()).build())
        .job(ol.newJobBuilder().namespace(JOB_NAMESPACE).name("daily_run." + stage).build())
        .inputs(ds.inputs().stream()
            .map(n -> ol.newInputDatasetBuilder().namespace(ds.namespace() == null ? datasetNamespace : ds.namespace()).name(n).build())
            .toList())
        .outputs(ds.outputs().stream()
            .map(n -> ol.newOutputDatasetBuilder()
                .namespace(ds.outputNamespace() == null ? datasetNamespace : ds.outputNamespace()).name(n).build())
            .toList())
        .build();
    String json = OpenLineageClientUtils.toJson(event);
    try {
      written.append(json).append('\n');
      LakeFiles.writeString(filePath, written.toString());
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not write lineage to {}: {}", filePath, e.toString());
    }
    if (http != null) {
      try {
        http.emit(event);
      } catch (RuntimeException e) {
        LOG.warn("could not send lineage to the OpenLineage endpoint: {}", e.toString());
      }
    }
  }
}

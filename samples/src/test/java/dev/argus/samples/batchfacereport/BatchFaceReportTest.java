package dev.argus.samples.batchfacereport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.app.server.ArgusServer;
import dev.argus.samples.ArgusServers;
import dev.argus.samples.webcamproducer.WebcamProducer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

class BatchFaceReportTest {

  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test"));

  /**
   * bezos_vogels.mkv: person A alone until ~5.8 s of clip time, both until ~10.9 s, then B alone.
   * The report's clock starts at the first fragment (clip time 0.834 s).
   */
  @Test
  void reportsTheEnrolledPersonOnlyWhileOnScreen(@TempDir Path dir) throws Exception {
    Path clip = Path.of(System.getProperty("argus.testdata"), "kvs", "bezos_vogels.mkv");
    try (ArgusServer server = ArgusServers.start(dir.resolve("data"))) {
      URI endpoint = ArgusServers.endpoint(server);
      Instant before = Instant.now().minusSeconds(60);
      WebcamProducer.run(endpoint, "interview", clip.toString(), false, new PrintStream(OutputStream.nullOutputStream()));
      try (KinesisVideoArchivedMediaClient archived = KinesisVideoArchivedMediaClient.builder().endpointOverride(endpoint)
              .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder())
              .build();
           RekognitionClient rekognition = RekognitionClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
              .credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder()).build()) {
        rekognition.createCollection(r -> r.collectionId("people"));
        byte[] personA = BatchFaceReport.frameOfFile(clip, 30);
        assertThat(rekognition.indexFaces(r -> r.collectionId("people").externalImageId("person-a").maxFaces(1)
            .image(i -> i.bytes(SdkBytes.fromByteArray(personA)))).faceRecords()).hasSize(1);

        Report report = new BatchFaceReport(archived, rekognition, "people", 2, 80)
            .run("interview", before, Instant.now().plusSeconds(60));

        List<Sighting> a = report.sightingsOf("person-a");
        assertThat(a).isNotEmpty();
        assertThat(a.get(0).timeSeconds()).isLessThan(1.0);
        assertThat(a).allSatisfy(s -> assertThat(s.timeSeconds()).isLessThan(10.9));
        assertThat(a).filteredOn(s -> s.timeSeconds() < 4.5).hasSizeGreaterThanOrEqualTo(7);
        // After the cut to B, faces are still found, and none is A.
        assertThat(report.sightings()).filteredOn(s -> s.timeSeconds() > 10.9).isNotEmpty()
            .noneMatch(s -> s.person().equals("person-a"));
        Report.Person summary = report.people().stream().filter(p -> p.name().equals("person-a")).findFirst().get();
        assertThat(summary.frames()).isEqualTo(a.size());
        assertThat(summary.bestSimilarity()).isGreaterThanOrEqualTo(80);

        Path csv = dir.resolve("report.csv");
        report.write(csv);
        assertThat(Files.readAllLines(csv)).hasSize(report.sightings().size() + 1)
            .first().isEqualTo("time_s,fragment_number,person,similarity,left,top,width,height");
        Path json = dir.resolve("report.json");
        report.write(json);
        assertThat(Files.readString(json)).contains("\"person-a\"").contains("\"sightings\"");
      }
    }
  }
}

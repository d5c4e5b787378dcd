package dev.argus.app.mkv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.app.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MkvCommandTest {

  private static Path capture(String name) {
    return Path.of(System.getProperty("argus.testdata"), "kvs", name);
  }

  @Test
  void jsonInfoOfAGetMediaCapture() throws Exception {
    CliRun result = CliRun.of("mkv", "info", capture("output_get_media.mkv").toString(), "--json");
    assertThat(result.exit()).isEqualTo(0);
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("segments").asInt()).isEqualTo(5);
    assertThat(json.get("clusters").asInt()).isEqualTo(5);
    assertThat(json.get("blocks").asInt()).isEqualTo(300);
    assertThat(json.get("keyFrames").asInt()).isEqualTo(5);
    assertThat(json.get("blocksPerTrack").get("1").asInt()).isEqualTo(300);
    assertThat(json.get("tracks").get(0).get("codecId").asText()).isEqualTo("V_MPEG4/ISO/AVC");
    assertThat(json.get("tracks").get(0).get("width").asInt()).isEqualTo(640);
    assertThat(json.get("tracks").get(0).get("height").asInt()).isEqualTo(360);
    JsonNode fragments = json.get("kvsFragments");
    assertThat(fragments).hasSize(5);
    assertThat(fragments.get(0).get("fragmentNumber").asText()).hasSize(47);
    assertThat(fragments.get(0).get("serverTimestamp").decimalValue().scale()).isEqualTo(3);
    assertThat(fragments.get(0).get("producerTimestamp").isNumber()).isTrue();
    assertThat(json.get("truncated").asBoolean()).isFalse();
  }

  @Test
  void truncatedCaptureSaysSo() throws Exception {
    CliRun result = CliRun.of("mkv", "info", "--json", capture("output-get-media-non-increasing-timecode.mkv").toString());
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("truncated").asBoolean()).isTrue();
    assertThat(json.get("segments").asInt()).isEqualTo(12);
    assertThat(json.get("blocks").asInt()).isEqualTo(358);
    CliRun text = CliRun.of("mkv", "info", capture("output-get-media-non-increasing-timecode.mkv").toString());
    assertThat(text.out()).contains("TRUNCATED").contains("12 segments, 12 clusters, 358 blocks").contains("960x720");
  }

  @Test
  void staleCrcsNeedTheFlag() {
    String golden = capture("output_get_media_sparse_fragments_merged.mkv").toString();
    CliRun refused = CliRun.of("mkv", "info", golden);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("CRC-32 mismatch");
    assertThat(refused.out()).isEmpty();
    CliRun read = CliRun.of("mkv", "info", "--no-verify-crc", golden);
    assertThat(read.exit()).isEqualTo(0);
    assertThat(read.out()).contains("1 segments, 3 clusters, 180 blocks");
  }

  @Test
  void garbageFailsWithOneLine(@TempDir Path dir) throws Exception {
    Path garbage = dir.resolve("garbage.mkv");
    Files.write(garbage, new byte[] {0x00, 0x01, 0x02, 0x03});
    CliRun result = CliRun.of("mkv", "info", garbage.toString());
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).startsWith("argus info: bad element ID");
  }
}

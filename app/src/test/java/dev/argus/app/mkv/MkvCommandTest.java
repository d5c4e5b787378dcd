package dev.argus.app.mkv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MkvCommandTest {

  private static Path capture(String name) {
    return Path.of(System.getProperty("argus.testdata"), "kvs", name);
  }

  /** Runs argus with {@code args}; returns exit code, stdout and stderr. */
  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void jsonInfoOfAGetMediaCapture() throws Exception {
    String[] result = run("mkv", "info", capture("output_get_media.mkv").toString(), "--json");
    assertThat(result[0]).isEqualTo("0");
    JsonNode json = new ObjectMapper().readTree(result[1]);
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
    String[] result = run("mkv", "info", "--json", capture("output-get-media-non-increasing-timecode.mkv").toString());
    JsonNode json = new ObjectMapper().readTree(result[1]);
    assertThat(json.get("truncated").asBoolean()).isTrue();
    assertThat(json.get("segments").asInt()).isEqualTo(12);
    assertThat(json.get("blocks").asInt()).isEqualTo(358);
    String[] text = run("mkv", "info", capture("output-get-media-non-increasing-timecode.mkv").toString());
    assertThat(text[1]).contains("TRUNCATED").contains("12 segments, 12 clusters, 358 blocks").contains("960x720");
  }

  @Test
  void staleCrcsNeedTheFlag() {
    String golden = capture("output_get_media_sparse_fragments_merged.mkv").toString();
    String[] refused = run("mkv", "info", golden);
    assertThat(refused[0]).isEqualTo("1");
    assertThat(refused[2]).contains("CRC-32 mismatch");
    assertThat(refused[1]).isEmpty();
    String[] read = run("mkv", "info", "--no-verify-crc", golden);
    assertThat(read[0]).isEqualTo("0");
    assertThat(read[1]).contains("1 segments, 3 clusters, 180 blocks");
  }

  @Test
  void garbageFailsWithOneLine(@TempDir Path dir) throws Exception {
    Path garbage = dir.resolve("garbage.mkv");
    Files.write(garbage, new byte[] {0x00, 0x01, 0x02, 0x03});
    String[] result = run("mkv", "info", garbage.toString());
    assertThat(result[0]).isEqualTo("1");
    assertThat(result[2]).startsWith("argus info: bad element ID");
  }
}

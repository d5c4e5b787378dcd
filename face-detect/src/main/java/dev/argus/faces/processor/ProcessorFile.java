package dev.argus.faces.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argus.faces.processor.VideoFragmentSource.StartPosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The stream processors' snapshot: {@code processors.json}, a JSON array of definitions, replaced
 * atomically (written to a temporary file, forced, then renamed over the old one), so a crash
 * leaves the old or the new snapshot, never a mix. Not thread-safe: the registry serialises calls.
 */
final class ProcessorFile {

  static final String FILE_NAME = "processors.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  ProcessorFile(Path dir) throws IOException {
    Files.createDirectories(dir);
    this.file = dir.resolve(FILE_NAME);
  }

  List<ProcessorDefinition> load() throws IOException {
    List<ProcessorDefinition> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (JsonNode n : JSON.readTree(file.toFile())) {
      out.add(new ProcessorDefinition(n.get("name").asText(), n.get("arn").asText(), n.get("video").asText(),
          n.get("data").asText(), n.get("role").asText(), n.get("collection").asText(),
          (float) n.get("threshold").asDouble(), n.get("created").asLong(), n.get("updated").asLong(),
          ProcessorStatus.valueOf(n.get("status").asText()), n.get("message").asText(), start(n.get("start"))));
    }
    return out;
  }

  void save(Collection<ProcessorDefinition> definitions) throws IOException {
    ArrayNode array = JSON.createArrayNode();
    for (ProcessorDefinition d : definitions) {
      ObjectNode n = array.addObject();
      n.put("name", d.name()).put("arn", d.arn()).put("video", d.videoStreamArn()).put("data", d.dataStreamArn())
          .put("role", d.roleArn()).put("collection", d.collectionId()).put("threshold", d.threshold())
          .put("created", d.createdMillis()).put("updated", d.updatedMillis()).put("status", d.status().name())
          .put("message", d.statusMessage());
      ObjectNode s = n.putObject("start");
      if (d.start() instanceof StartPosition.ProducerTime t) {
        s.put("producerMillis", t.millis());
      } else if (d.start() instanceof StartPosition.Fragment f) {
        s.put("fragment", f.number());
      }
    }
    Path temp = file.resolveSibling(FILE_NAME + ".tmp");
    Files.write(temp, JSON.writeValueAsBytes(array));
    try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static StartPosition start(JsonNode s) {
    if (s == null) {
      return new StartPosition.Now();
    }
    if (s.has("producerMillis")) {
      return new StartPosition.ProducerTime(s.get("producerMillis").asLong());
    }
    if (s.has("fragment")) {
      return new StartPosition.Fragment(s.get("fragment").asText());
    }
    return new StartPosition.Now();
  }
}

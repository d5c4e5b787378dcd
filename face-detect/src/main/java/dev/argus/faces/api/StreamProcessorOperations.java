package dev.argus.faces.api;

import static dev.argus.faces.api.Members.MEMBERS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argus.faces.processor.ProcessorDefinition;
import dev.argus.faces.processor.StreamProcessors;
import dev.argus.faces.processor.VideoFragmentSource.StartPosition;
import java.util.List;

/**
 * The stream-processor operations: CreateStreamProcessor, StartStreamProcessor,
 * StopStreamProcessor, DescribeStreamProcessor, ListStreamProcessors, DeleteStreamProcessor.
 * Validates members (failures are {@link InvalidParameterException}s) and answers documents as
 * JSON trees. Only the FaceSearch setting and a KinesisDataStream output are supported; RoleArn is
 * required, echoed and never used. Describe adds {@code MillisBehindNow} (not in Rekognition's
 * shape; SDKs ignore it). Thread-safe: stateless over the thread-safe registry.
 */
final class StreamProcessorOperations {

  static final int MAX_PAGE = 100;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final StreamProcessors processors;

  StreamProcessorOperations(StreamProcessors processors) {
    this.processors = processors;
  }

  Object create(JsonNode body) {
    String name = MEMBERS.nonEmptyText(body, "Name");
    checkName(name);
    String video = MEMBERS.nonEmptyText(path(body, "Input", "KinesisVideoStream"), "Arn");
    JsonNode output = body.path("Output");
    if (output.hasNonNull("S3Destination") && !output.hasNonNull("KinesisDataStream")) {
      throw new InvalidParameterException("Output.S3Destination is not supported: use Output.KinesisDataStream");
    }
    String data = MEMBERS.nonEmptyText(path(body, "Output", "KinesisDataStream"), "Arn");
    JsonNode settings = body.path("Settings");
    if (!settings.hasNonNull("FaceSearch")) {
      throw new InvalidParameterException("Settings.FaceSearch is required (ConnectedHome is not supported)");
    }
    JsonNode faceSearch = settings.get("FaceSearch");
    String collection = MEMBERS.nonEmptyText(faceSearch, "CollectionId");
    float threshold = MEMBERS.number(faceSearch, "FaceMatchThreshold", ProcessorDefinition.DEFAULT_THRESHOLD, 0, 100);
    String role = MEMBERS.nonEmptyText(body, "RoleArn");
    String arn = processors.create(name, video, data, role, collection, threshold);
    return NODES.objectNode().put("StreamProcessorArn", arn);
  }

  Object start(JsonNode body) {
    String name = MEMBERS.nonEmptyText(body, "Name");
    StartPosition from = new StartPosition.Now();
    JsonNode selector = body.path("StartSelector").path("KVSStreamStartSelector");
    if (selector.isObject()) {
      String fragment = MEMBERS.text(selector, "FragmentNumber");
      JsonNode producer = selector.get("ProducerTimestamp");
      if (fragment != null && producer != null && !producer.isNull()) {
        throw new InvalidParameterException("KVSStreamStartSelector takes ProducerTimestamp or FragmentNumber, not both");
      }
      if (fragment != null) {
        from = new StartPosition.Fragment(fragment);
      } else if (producer != null && !producer.isNull()) {
        if (!producer.isIntegralNumber() || producer.longValue() < 0) {
          throw new InvalidParameterException("ProducerTimestamp must be epoch milliseconds, not negative");
        }
        from = new StartPosition.ProducerTime(producer.longValue());
      }
    }
    processors.start(name, from);
    return NODES.objectNode().put("SessionId", java.util.UUID.nameUUIDFromBytes(
        (name + processors.find(name).map(ProcessorDefinition::updatedMillis).orElse(0L)).getBytes(
            java.nio.charset.StandardCharsets.UTF_8)).toString());
  }

  Object stop(JsonNode body) {
    processors.stop(MEMBERS.nonEmptyText(body, "Name"));
    return NODES.objectNode();
  }

  Object delete(JsonNode body) {
    processors.delete(MEMBERS.nonEmptyText(body, "Name"));
    return NODES.objectNode();
  }

  Object describe(JsonNode body) {
    StreamProcessors.View view = processors.describe(MEMBERS.nonEmptyText(body, "Name"));
    ProcessorDefinition d = view.definition();
    ObjectNode out = NODES.objectNode();
    out.put("Name", d.name()).put("StreamProcessorArn", d.arn()).put("Status", d.status().name());
    if (!d.statusMessage().isEmpty()) {
      out.put("StatusMessage", d.statusMessage());
    }
    out.put("CreationTimestamp", d.createdMillis() / 1000.0).put("LastUpdateTimestamp", d.updatedMillis() / 1000.0);
    out.putObject("Input").putObject("KinesisVideoStream").put("Arn", d.videoStreamArn());
    out.putObject("Output").putObject("KinesisDataStream").put("Arn", d.dataStreamArn());
    out.put("RoleArn", d.roleArn());
    out.putObject("Settings").putObject("FaceSearch").put("CollectionId", d.collectionId())
        .put("FaceMatchThreshold", d.threshold());
    out.put("MillisBehindNow", view.millisBehindNow());
    return out;
  }

  Object list(JsonNode body) {
    int max = MEMBERS.integer(body, "MaxResults", MAX_PAGE, 1, MAX_PAGE);
    String after = PageTokens.decode('p', MEMBERS.text(body, "NextToken"));
    List<ProcessorDefinition> page = processors.list(after, max + 1);
    List<ProcessorDefinition> shown = page.subList(0, Math.min(max, page.size()));
    ObjectNode out = NODES.objectNode();
    var array = out.putArray("StreamProcessors");
    shown.forEach(d -> array.addObject().put("Name", d.name()).put("Status", d.status().name()));
    if (page.size() > max) {
      out.put("NextToken", PageTokens.encode('p', shown.get(shown.size() - 1).name()));
    }
    return out;
  }

  private static JsonNode path(JsonNode body, String outer, String inner) {
    JsonNode node = body.path(outer).path(inner);
    if (!node.isObject()) {
      throw new InvalidParameterException(outer + "." + inner + " is required");
    }
    return node;
  }

  private static void checkName(String name) {
    if (!name.matches("[a-zA-Z0-9_.\\-]{1,128}")) {
      throw new InvalidParameterException("Name must be 1-128 of [a-zA-Z0-9_.-]");
    }
  }
}

package dev.argus.producer.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few Kinesis Video control-plane calls a producer needs (REST-JSON: {@code POST /createStream},
 * {@code /describeStream}, {@code /getDataEndpoint}), over the JDK HTTP client. Requests are not
 * signed: this speaks to Argus on loopback (AWS itself needs SigV4, which this client lacks).
 *
 * <p>Thread-safe (the JDK client is).
 */
public final class ControlPlaneClient {

  /** A call that takes longer than this fails. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final HttpClient http;

  public ControlPlaneClient(URI endpoint) {
    this.endpoint = endpoint;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(DEFAULT_TIMEOUT).build();
  }

  /** Creates the stream; returns false if it already existed. */
  public boolean createStream(String name, int retentionHours) throws ControlPlaneException {
    ObjectNode body = JSON.createObjectNode().put("StreamName", name).put("DataRetentionInHours", retentionHours)
        .put("MediaType", "video/h264");
    try {
      call("/createStream", body);
      return true;
    } catch (ControlPlaneException e) {
      if (e.errorType().equals("ResourceInUseException")) {
        return false;
      }
      throw e;
    }
  }

  /** Whether the stream exists. */
  public boolean streamExists(String name) throws ControlPlaneException {
    try {
      call("/describeStream", JSON.createObjectNode().put("StreamName", name));
      return true;
    } catch (ControlPlaneException e) {
      if (e.errorType().equals("ResourceNotFoundException")) {
        return false;
      }
      throw e;
    }
  }

  /** The endpoint to send PutMedia for this stream to. */
  public URI putMediaEndpoint(String name) throws ControlPlaneException {
    JsonNode out = call("/getDataEndpoint", JSON.createObjectNode().put("StreamName", name).put("APIName", "PUT_MEDIA"));
    JsonNode value = out.get("DataEndpoint");
    if (value == null || !value.isTextual()) {
      throw new ControlPlaneException("", 200, "GetDataEndpoint returned no DataEndpoint");
    }
    return URI.create(value.asText());
  }

  private JsonNode call(String path, ObjectNode body) throws ControlPlaneException {
    HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(DEFAULT_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ControlPlaneException("cannot reach " + endpoint + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ControlPlaneException("interrupted calling " + path, e);
    }
    JsonNode json = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      String type = response.headers().firstValue("x-amzn-ErrorType").orElse(json.path("__type").asText(""));
      int colon = type.indexOf(':');
      type = colon >= 0 ? type.substring(0, colon) : type;
      throw new ControlPlaneException(type, response.statusCode(),
          path.substring(1) + ": HTTP " + response.statusCode() + " " + type + " " + json.path("message").asText(""));
    }
    return json;
  }

  private static JsonNode parse(String body) {
    try {
      return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}

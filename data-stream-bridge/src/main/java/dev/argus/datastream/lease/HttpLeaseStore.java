package dev.argus.datastream.lease;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link LeaseStore} in Argus, over its {@code ArgusLeases_20261125} API ({@link LeaseApi}) with
 * the JDK's HTTP client: what workers in separate processes share.
 *
 * <p>Errors map back through the API's table: ConditionalCheckFailedException is a
 * {@link LeaseConflictException}, ResourceNotFoundException a {@link LeaseTableNotFoundException},
 * and anything else, including timeouts and refused connections, a
 * {@link LeaseStoreUnavailableException} (the change may or may not have happened).
 *
 * <p>Needs only the JDK and Jackson at run time (LeaseApi's constants are inlined), so workers
 * can run without the server's Netty. Thread-safe: the HTTP client is.
 */
public final class HttpLeaseStore implements LeaseStore {

  /** Per-request timeout: half the default failover, so a stuck call cannot outlive a lease. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final String tableName;
  private final HttpClient http;
  private final Duration timeout;

  public HttpLeaseStore(URI endpoint, String tableName) {
    this(endpoint, tableName, DEFAULT_REQUEST_TIMEOUT);
  }

  public HttpLeaseStore(URI endpoint, String tableName, Duration timeout) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    LeaseTables.checkTableName(tableName);
    this.tableName = tableName;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
  }

  @Override
  public void createTableIfNotExists() {
    call("CreateLeaseTable", request());
  }

  @Override
  public List<Lease> list() {
    return LeaseCodec.decodeAll(call("ListLeases", request()).get("Leases"));
  }

  @Override
  public Optional<Lease> get(String leaseKey) {
    JsonNode lease = call("GetLease", request().put("LeaseKey", leaseKey)).get("Lease");
    return lease == null || lease.isNull() ? Optional.empty() : Optional.of(LeaseCodec.decode(lease));
  }

  @Override
  public Lease create(Lease lease) {
    ObjectNode request = request();
    request.set("Lease", LeaseCodec.encode(lease));
    return LeaseCodec.decode(call("CreateLease", request).get("Lease"));
  }

  @Override
  public Lease update(Lease expected, Lease desired) {
    if (!expected.leaseKey().equals(desired.leaseKey())) {
      throw new IllegalArgumentException("an update keeps the lease key");
    }
    ObjectNode request = expectation(expected);
    request.set("Lease", LeaseCodec.encode(desired));
    return LeaseCodec.decode(call("UpdateLease", request).get("Lease"));
  }

  @Override
  public void delete(Lease expected) {
    call("DeleteLease", expectation(expected).put("LeaseKey", expected.leaseKey()));
  }

  private ObjectNode request() {
    return JSON.createObjectNode().put("TableName", tableName);
  }

  private ObjectNode expectation(Lease expected) {
    ObjectNode request = request().put("ExpectedCounter", expected.counter());
    if (expected.owner() != null) {
      request.put("ExpectedOwner", expected.owner());
    }
    return request;
  }

  private JsonNode call(String operation, ObjectNode body) {
    HttpResponse<byte[]> response;
    try {
      HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
          .header("Content-Type", "application/x-amz-json-1.1")
          .header("X-Amz-Target", LeaseApi.TARGET_PREFIX + operation)
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new LeaseStoreUnavailableException(operation + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LeaseStoreUnavailableException(operation + " interrupted", e);
    }
    JsonNode document;
    try {
      document = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new LeaseStoreUnavailableException(operation + " answered " + response.statusCode()
          + " with a body that is not JSON", e);
    }
    if (response.statusCode() == 200) {
      return document;
    }
    String type = response.headers().firstValue("x-amzn-ErrorType").orElse(document.path("__type").asText(""));
    String message = operation + ": " + document.path("message").asText(type);
    if (type.startsWith(LeaseApi.CONFLICT_TYPE)) {
      throw new LeaseConflictException(message);
    } else if (type.startsWith(LeaseApi.NOT_FOUND_TYPE)) {
      throw new LeaseTableNotFoundException(tableName);
    }
    throw new LeaseStoreUnavailableException(message + " (" + response.statusCode() + " " + type + ")", null);
  }
}

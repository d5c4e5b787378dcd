package dev.argus.datastream.lease;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argus.awshttp.api.AwsApi;
import dev.argus.awshttp.api.AwsException;
import dev.argus.awshttp.api.ErrorType;
import dev.argus.awshttp.api.Operation;
import dev.argus.awshttp.api.Operations;
import dev.argus.awshttp.api.RequestHead;
import dev.argus.awshttp.api.UnaryOperation;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The lease tables on Argus' port, for consumer workers in other processes: awsJson 1.1 requests
 * with {@code X-Amz-Target: ArgusLeases_20261125.<Op>}.
 *
 * <table>
 *   <caption>operations (every request names its {@code TableName})</caption>
 *   <tr><th>Op</th><th>request members</th><th>response</th></tr>
 *   <tr><td>CreateLeaseTable</td><td>-</td><td>{}</td></tr>
 *   <tr><td>ListLeases</td><td>-</td><td>{"Leases": [lease...]}</td></tr>
 *   <tr><td>GetLease</td><td>LeaseKey</td><td>{"Lease": lease} or {}</td></tr>
 *   <tr><td>CreateLease</td><td>Lease</td><td>{"Lease": stored}</td></tr>
 *   <tr><td>UpdateLease</td><td>Lease, ExpectedOwner (absent: free), ExpectedCounter</td><td>{"Lease": stored}</td></tr>
 *   <tr><td>DeleteLease</td><td>LeaseKey, ExpectedOwner, ExpectedCounter</td><td>{}</td></tr>
 * </table>
 * Leases are JSON as in {@code LeaseCodec}.
 *
 * <table>
 *   <caption>errors: the one table from lease failures to AWS error types</caption>
 *   <tr><th>thrown</th><th>__type</th><th>status</th></tr>
 *   <tr><td>{@link LeaseConflictException}</td><td>ConditionalCheckFailedException</td><td>400</td></tr>
 *   <tr><td>{@link LeaseTableNotFoundException}</td><td>ResourceNotFoundException</td><td>400</td></tr>
 *   <tr><td>{@link LeaseStoreUnavailableException}</td><td>ServiceUnavailableException</td><td>503</td></tr>
 *   <tr><td>a malformed member</td><td>ValidationException</td><td>400</td></tr>
 * </table>
 *
 * <p>Thread-safe: a lookup in an immutable map over the thread-safe {@link LeaseTables}.
 */
public final class LeaseApi implements AwsApi {

  public static final String TARGET_PREFIX = "ArgusLeases_20261125.";
  /** Error type names as compile-time constants, so the client can use them without this class. */
  static final String CONFLICT_TYPE = "ConditionalCheckFailedException";
  static final String NOT_FOUND_TYPE = "ResourceNotFoundException";
  static final ErrorType CONDITIONAL_CHECK_FAILED = new ErrorType(CONFLICT_TYPE, 400);
  static final ErrorType RESOURCE_NOT_FOUND = new ErrorType(NOT_FOUND_TYPE, 400);
  static final ErrorType UNAVAILABLE = new ErrorType("ServiceUnavailableException", 503);
  static final ErrorType VALIDATION = new ErrorType("ValidationException", 400);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final LeaseTables tables;
  private final Map<String, UnaryOperation> operations;

  public LeaseApi(LeaseTables tables) {
    this.tables = Objects.requireNonNull(tables, "tables");
    this.operations = Map.of(
        "CreateLeaseTable", unary(this::createLeaseTable),
        "ListLeases", unary(this::listLeases),
        "GetLease", unary(this::getLease),
        "CreateLease", unary(this::createLease),
        "UpdateLease", unary(this::updateLease),
        "DeleteLease", unary(this::deleteLease));
  }

  @Override
  public Optional<Operation> resolve(RequestHead head) {
    return Operations.byTarget(head, TARGET_PREFIX, operations, "the lease table API");
  }

  private static UnaryOperation unary(Function<JsonNode, JsonNode> operation) {
    return Operations.answered(request -> operation.apply(request.body()),
        failure -> failure instanceof RuntimeException e ? toAws(e) : failure);
  }

  /** The one table from lease failures to AWS errors; anything else stays an internal failure. */
  static RuntimeException toAws(RuntimeException failure) {
    if (failure instanceof LeaseConflictException) {
      return new AwsException(CONDITIONAL_CHECK_FAILED, failure.getMessage(), failure);
    } else if (failure instanceof LeaseTableNotFoundException) {
      return new AwsException(RESOURCE_NOT_FOUND, failure.getMessage(), failure);
    } else if (failure instanceof LeaseStoreUnavailableException) {
      return new AwsException(UNAVAILABLE, failure.getMessage(), failure);
    } else if (failure instanceof IllegalArgumentException) {
      return new AwsException(VALIDATION, failure.getMessage(), failure);
    }
    return failure;
  }

  private LeaseStore table(JsonNode body) {
    return tables.table(LeaseCodec.text(body, "TableName", true));
  }

  private JsonNode createLeaseTable(JsonNode body) {
    table(body).createTableIfNotExists();
    return NODES.objectNode();
  }

  private JsonNode listLeases(JsonNode body) {
    ObjectNode out = NODES.objectNode();
    out.set("Leases", LeaseCodec.encode(table(body).list()));
    return out;
  }

  private JsonNode getLease(JsonNode body) {
    ObjectNode out = NODES.objectNode();
    table(body).get(LeaseCodec.text(body, "LeaseKey", true)).ifPresent(l -> out.set("Lease", LeaseCodec.encode(l)));
    return out;
  }

  private JsonNode createLease(JsonNode body) {
    return leaseDocument(table(body).create(LeaseCodec.decode(body.get("Lease"))));
  }

  private JsonNode updateLease(JsonNode body) {
    Lease desired = LeaseCodec.decode(body.get("Lease"));
    return leaseDocument(table(body).update(expected(body, desired.leaseKey()), desired));
  }

  private JsonNode deleteLease(JsonNode body) {
    table(body).delete(expected(body, LeaseCodec.text(body, "LeaseKey", true)));
    return NODES.objectNode();
  }

  /** The compare-and-set token as a lease: only its key, owner and counter are compared. */
  private static Lease expected(JsonNode body, String leaseKey) {
    JsonNode counter = body.get("ExpectedCounter");
    if (counter == null || !counter.canConvertToExactIntegral() || !counter.canConvertToLong()) {
      throw new IllegalArgumentException("ExpectedCounter must be an integer");
    }
    return new Lease(leaseKey, LeaseCodec.text(body, "ExpectedOwner", false), counter.longValue(),
        Checkpoint.TRIM_HORIZON, null, java.util.Set.of());
  }

  private static JsonNode leaseDocument(Lease lease) {
    ObjectNode out = NODES.objectNode();
    out.set("Lease", LeaseCodec.encode(lease));
    return out;
  }
}

package dev.argus.fragmentstore.api;

import dev.argus.awshttp.api.AwsException;
import dev.argus.awshttp.api.ErrorType;
import dev.argus.fragmentstore.catalog.CatalogException;
import dev.argus.fragmentstore.catalog.InvalidArgumentException;
import dev.argus.fragmentstore.catalog.StreamInUseException;
import dev.argus.fragmentstore.catalog.StreamNotFoundException;
import dev.argus.fragmentstore.catalog.TagLimitExceededException;
import dev.argus.fragmentstore.catalog.VersionMismatchException;
import java.util.Map;

/**
 * The one table from the catalog's failures to Kinesis Video's error types and statuses.
 *
 * <table>
 *   <caption>catalog failure → AWS error</caption>
 *   <tr><th>thrown</th><th>__type / x-amzn-ErrorType</th><th>status</th></tr>
 *   <tr><td>{@link InvalidArgumentException}</td><td>InvalidArgumentException</td><td>400</td></tr>
 *   <tr><td>{@link StreamNotFoundException}</td><td>ResourceNotFoundException</td><td>404</td></tr>
 *   <tr><td>{@link StreamInUseException}</td><td>ResourceInUseException</td><td>400</td></tr>
 *   <tr><td>{@link VersionMismatchException}</td><td>VersionMismatchException</td><td>400</td></tr>
 *   <tr><td>{@link TagLimitExceededException}</td><td>TagsPerResourceExceededLimitException</td><td>400</td></tr>
 * </table>
 * Not in the table, and so left to the router: a body of the wrong JSON types is
 * {@code SerializationException} (400, raised while reading members), and a failed catalog save
 * becomes {@code InternalFailure} (500) and is logged. Stateless.
 */
public final class ErrorTable {

  static final ErrorType INVALID_ARGUMENT = new ErrorType("InvalidArgumentException", 400);
  static final ErrorType RESOURCE_NOT_FOUND = new ErrorType("ResourceNotFoundException", 404);
  static final ErrorType RESOURCE_IN_USE = new ErrorType("ResourceInUseException", 400);
  static final ErrorType VERSION_MISMATCH = new ErrorType("VersionMismatchException", 400);
  static final ErrorType TAGS_PER_RESOURCE = new ErrorType("TagsPerResourceExceededLimitException", 400);

  static final Map<Class<? extends CatalogException>, ErrorType> TABLE = Map.of(
      InvalidArgumentException.class, INVALID_ARGUMENT,
      StreamNotFoundException.class, RESOURCE_NOT_FOUND,
      StreamInUseException.class, RESOURCE_IN_USE,
      VersionMismatchException.class, VERSION_MISMATCH,
      TagLimitExceededException.class, TAGS_PER_RESOURCE);

  private ErrorTable() {
  }

  public static AwsException toAws(CatalogException failure) {
    ErrorType type = TABLE.get(failure.getClass());
    if (type == null) { // a new CatalogException without a row: a bug, caught by ErrorTableTest
      throw new IllegalStateException("no AWS error type for " + failure.getClass().getName(), failure);
    }
    return new AwsException(type, failure.getMessage(), failure);
  }
}

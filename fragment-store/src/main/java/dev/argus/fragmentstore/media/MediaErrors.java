package dev.argus.fragmentstore.media;

import dev.argus.awshttp.api.AwsException;
import dev.argus.awshttp.api.ErrorType;
import dev.argus.fragmentstore.api.ErrorTable;
import dev.argus.fragmentstore.catalog.CatalogException;
import dev.argus.fragmentstore.fragment.MalformedFragmentNumberException;
import dev.argus.fragmentstore.store.StreamClosedException;
import java.util.Map;

/**
 * The one table from the data plane's failures to AWS error types (catalog failures go through
 * the control plane's {@link ErrorTable}).
 *
 * <table>
 *   <caption>media failure → AWS error</caption>
 *   <tr><th>thrown</th><th>__type</th><th>status</th></tr>
 *   <tr><td>{@link FragmentNotFoundException}</td><td>ResourceNotFoundException</td><td>404</td></tr>
 *   <tr><td>{@link StreamClosedException}</td><td>ResourceNotFoundException</td><td>404</td></tr>
 *   <tr><td>{@link MalformedFragmentNumberException}</td><td>InvalidArgumentException</td><td>400</td></tr>
 *   <tr><td>{@link ClientLimitExceededException}</td><td>ClientLimitExceededException</td><td>400</td></tr>
 *   <tr><td>{@link ConnectionLimitExceededException}</td><td>ConnectionLimitExceededException</td><td>400</td></tr>
 * </table>
 * Anything else is left to the router ({@code InternalFailure}, 500, logged). Stateless.
 */
final class MediaErrors {
  static final ErrorType RESOURCE_NOT_FOUND = new ErrorType("ResourceNotFoundException", 404);
  static final ErrorType INVALID_ARGUMENT = new ErrorType("InvalidArgumentException", 400);
  static final ErrorType CLIENT_LIMIT = new ErrorType("ClientLimitExceededException", 400);
  static final ErrorType CONNECTION_LIMIT = new ErrorType("ConnectionLimitExceededException", 400);

  static final Map<Class<? extends Exception>, ErrorType> TABLE = Map.of(
      FragmentNotFoundException.class, RESOURCE_NOT_FOUND,
      StreamClosedException.class, RESOURCE_NOT_FOUND,
      MalformedFragmentNumberException.class, INVALID_ARGUMENT,
      ClientLimitExceededException.class, CLIENT_LIMIT,
      ConnectionLimitExceededException.class, CONNECTION_LIMIT);

  private MediaErrors() {
  }

  /** The AWS error for a failure, or null when it is not one the table knows (a bug or I/O). */
  static AwsException toAws(Throwable failure) {
    if (failure instanceof AwsException aws) {
      return aws;
    }
    if (failure instanceof CatalogException catalog) {
      return ErrorTable.toAws(catalog);
    }
    ErrorType type = TABLE.get(failure.getClass());
    return type == null ? null : new AwsException(type, failure.getMessage(), failure);
  }
}

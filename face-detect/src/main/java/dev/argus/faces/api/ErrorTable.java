package dev.argus.faces.api;

import dev.argus.faces.processor.ProcessorInUseException;
import dev.argus.faces.processor.ProcessorLimitExceededException;
import dev.argus.faces.processor.ProcessorResourceNotFoundException;
import dev.argus.awshttp.api.AwsException;
import dev.argus.awshttp.api.ErrorType;
import dev.argus.faces.analysis.AnalyzerBusyException;
import dev.argus.faces.collection.CollectionAlreadyExistsException;
import dev.argus.faces.collection.CollectionFullException;
import dev.argus.faces.collection.CollectionNotFoundException;
import dev.argus.faces.collection.FaceNotFoundException;
import dev.argus.faces.collection.InvalidCollectionRequestException;
import dev.argus.faces.image.ImageTooLargeException;
import dev.argus.faces.image.InvalidImageFormatException;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The one table from face-detect's failures to Rekognition's error types (all HTTP 400, as
 * Rekognition sends them).
 *
 * <table>
 *   <caption>failure → AWS error</caption>
 *   <tr><th>thrown</th><th>__type</th></tr>
 *   <tr><td>{@link InvalidParameterException}, {@link InvalidCollectionRequestException}</td><td>InvalidParameterException</td></tr>
 *   <tr><td>{@link InvalidPaginationTokenException}</td><td>InvalidPaginationTokenException</td></tr>
 *   <tr><td>{@link CollectionNotFoundException}, {@link FaceNotFoundException}</td><td>ResourceNotFoundException</td></tr>
 *   <tr><td>{@link CollectionAlreadyExistsException}</td><td>ResourceAlreadyExistsException</td></tr>
 *   <tr><td>{@link CollectionFullException}</td><td>ServiceQuotaExceededException</td></tr>
 *   <tr><td>{@link ImageTooLargeException}</td><td>ImageTooLargeException</td></tr>
 *   <tr><td>{@link InvalidImageFormatException}</td><td>InvalidImageFormatException</td></tr>
 *   <tr><td>{@link AnalyzerBusyException}</td><td>ProvisionedThroughputExceededException</td></tr>
 *   <tr><td>{@link ProcessorResourceNotFoundException}</td><td>ResourceNotFoundException</td></tr>
 *   <tr><td>{@link ProcessorInUseException}</td><td>ResourceInUseException</td></tr>
 *   <tr><td>{@link ProcessorLimitExceededException}</td><td>LimitExceededException</td></tr>
 * </table>
 * Anything else reaches the router unchanged (a {@code SerializationException}, or an
 * {@code InternalFailure} that is logged). Stateless.
 */
final class ErrorTable {

  static final ErrorType INVALID_PARAMETER = new ErrorType("InvalidParameterException", 400);
  static final ErrorType INVALID_TOKEN = new ErrorType("InvalidPaginationTokenException", 400);
  static final ErrorType RESOURCE_NOT_FOUND = new ErrorType("ResourceNotFoundException", 400);
  static final ErrorType ALREADY_EXISTS = new ErrorType("ResourceAlreadyExistsException", 400);
  static final ErrorType QUOTA = new ErrorType("ServiceQuotaExceededException", 400);
  static final ErrorType IMAGE_TOO_LARGE = new ErrorType("ImageTooLargeException", 400);
  static final ErrorType INVALID_IMAGE = new ErrorType("InvalidImageFormatException", 400);
  static final ErrorType THROUGHPUT = new ErrorType("ProvisionedThroughputExceededException", 400);
  static final ErrorType IN_USE = new ErrorType("ResourceInUseException", 400);
  static final ErrorType LIMIT = new ErrorType("LimitExceededException", 400);

  static final Map<Class<? extends RuntimeException>, ErrorType> TABLE = Map.ofEntries(
      Map.entry(InvalidParameterException.class, INVALID_PARAMETER),
      Map.entry(InvalidCollectionRequestException.class, INVALID_PARAMETER),
      Map.entry(InvalidPaginationTokenException.class, INVALID_TOKEN),
      Map.entry(CollectionNotFoundException.class, RESOURCE_NOT_FOUND),
      Map.entry(FaceNotFoundException.class, RESOURCE_NOT_FOUND),
      Map.entry(CollectionAlreadyExistsException.class, ALREADY_EXISTS),
      Map.entry(CollectionFullException.class, QUOTA),
      Map.entry(ImageTooLargeException.class, IMAGE_TOO_LARGE),
      Map.entry(InvalidImageFormatException.class, INVALID_IMAGE),
      Map.entry(AnalyzerBusyException.class, THROUGHPUT),
      Map.entry(ProcessorResourceNotFoundException.class, RESOURCE_NOT_FOUND),
      Map.entry(ProcessorInUseException.class, IN_USE),
      Map.entry(ProcessorLimitExceededException.class, LIMIT));

  private ErrorTable() {
  }

  /** The AWS error for a failure (unwrapping a CompletionException), or the failure itself. */
  static Throwable toAws(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    ErrorType type = TABLE.get(cause.getClass());
    return type == null ? cause : new AwsException(type, cause.getMessage(), cause);
  }
}

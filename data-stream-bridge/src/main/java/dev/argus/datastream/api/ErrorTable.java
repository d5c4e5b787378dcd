package dev.argus.datastream.api;

import dev.argus.awshttp.api.AwsException;
import dev.argus.awshttp.api.ErrorType;
import dev.argus.datastream.engine.ExpiredIteratorException;
import dev.argus.datastream.engine.InvalidArgumentException;
import dev.argus.datastream.engine.LimitExceededException;
import dev.argus.datastream.engine.ResourceInUseException;
import dev.argus.datastream.engine.StreamNotFoundException;
import dev.argus.datastream.engine.StreamsException;
import dev.argus.datastream.engine.ThroughputExceededException;
import dev.argus.datastream.engine.ValidationException;
import java.util.Map;

/**
 * The one table from the engine's failures to Kinesis error types. Kinesis answers every one of
 * them with status 400.
 *
 * <table>
 *   <caption>engine failure → Kinesis error</caption>
 *   <tr><th>thrown</th><th>__type / x-amzn-ErrorType</th></tr>
 *   <tr><td>{@link StreamNotFoundException}</td><td>ResourceNotFoundException</td></tr>
 *   <tr><td>{@link ResourceInUseException}</td><td>ResourceInUseException</td></tr>
 *   <tr><td>{@link InvalidArgumentException}</td><td>InvalidArgumentException</td></tr>
 *   <tr><td>{@link ValidationException}</td><td>ValidationException</td></tr>
 *   <tr><td>{@link LimitExceededException}</td><td>LimitExceededException</td></tr>
 *   <tr><td>{@link ExpiredIteratorException}</td><td>ExpiredIteratorException</td></tr>
 *   <tr><td>{@link ThroughputExceededException}</td><td>ProvisionedThroughputExceededException</td></tr>
 * </table>
 * Left to the router: a body of the wrong types ({@code SerializationException}), an unknown
 * target ({@code UnknownOperationException}) and storage failures ({@code InternalFailure}, 500).
 * Stateless.
 */
final class ErrorTable {

  static final Map<Class<? extends StreamsException>, ErrorType> TABLE = Map.of(
      StreamNotFoundException.class, new ErrorType("ResourceNotFoundException", 400),
      ResourceInUseException.class, new ErrorType("ResourceInUseException", 400),
      InvalidArgumentException.class, new ErrorType("InvalidArgumentException", 400),
      ValidationException.class, new ErrorType("ValidationException", 400),
      LimitExceededException.class, new ErrorType("LimitExceededException", 400),
      ExpiredIteratorException.class, new ErrorType("ExpiredIteratorException", 400),
      ThroughputExceededException.class, new ErrorType("ProvisionedThroughputExceededException", 400));

  private ErrorTable() {
  }

  static AwsException toAws(StreamsException failure) {
    ErrorType type = TABLE.get(failure.getClass());
    if (type == null) { // a new StreamsException without a row: a bug, caught by ErrorTableTest
      throw new IllegalStateException("no Kinesis error type for " + failure.getClass().getName(), failure);
    }
    return new AwsException(type, failure.getMessage(), failure);
  }
}

package dev.argus.fragmentstore.api;

import dev.argus.awshttp.api.AwsApi;
import dev.argus.awshttp.api.AwsRequest;
import dev.argus.awshttp.api.Operation;
import dev.argus.awshttp.api.Operations;
import dev.argus.awshttp.api.RequestHead;
import dev.argus.awshttp.api.UnaryOperation;
import dev.argus.fragmentstore.catalog.CatalogException;
import dev.argus.fragmentstore.catalog.VideoStreamCatalog;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Kinesis Video Streams control plane on the shared port (REST-JSON): {@code POST} to
 * {@code /createStream}, {@code /describeStream}, {@code /listStreams}, {@code /deleteStream},
 * {@code /updateDataRetention}, {@code /getDataEndpoint}, {@code /tagStream},
 * {@code /untagStream} and {@code /listTagsForStream}, without an {@code X-Amz-Target} header.
 * Every other request belongs to another API and is declined.
 *
 * <p>Failures reach the client through {@link ErrorTable}. Thread-safe: {@link #resolve} is a
 * lookup in an immutable map, and the operations are stateless over the thread-safe catalog.
 */
public final class VideoControlPlaneApi implements AwsApi {

  private final Map<String, UnaryOperation> operations;

  public VideoControlPlaneApi(VideoStreamCatalog catalog) {
    ControlPlaneOperations ops = new ControlPlaneOperations(catalog);
    this.operations = Map.of(
        "/createStream", unary(ops::createStream),
        "/describeStream", unary(ops::describeStream),
        "/listStreams", unary(ops::listStreams),
        "/deleteStream", unary(ops::deleteStream),
        "/updateDataRetention", unary(ops::updateDataRetention),
        "/getDataEndpoint", unary(ops::getDataEndpoint),
        "/tagStream", unary(ops::tagStream),
        "/untagStream", unary(ops::untagStream),
        "/listTagsForStream", unary(ops::listTagsForStream));
  }

  @Override
  public Optional<Operation> resolve(RequestHead head) {
    if (!HttpMethod.POST.equals(head.method()) || !head.target().isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(operations.get(head.path()));
  }

  /** Runs an operation synchronously on the worker; a catalog failure becomes its AWS error. */
  private static UnaryOperation unary(Function<AwsRequest, Object> operation) {
    return Operations.answered(operation,
        failure -> failure instanceof CatalogException e ? ErrorTable.toAws(e) : failure);
  }
}

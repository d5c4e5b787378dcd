package dev.argus.awshttp.server;

import dev.argus.awshttp.api.AwsApi;
import dev.argus.awshttp.api.ErrorType;
import dev.argus.awshttp.api.Operation;
import dev.argus.awshttp.api.RequestHead;
import dev.argus.awshttp.api.UnaryOperation;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The APIs on the port, asked in order; the first that owns a request serves it. Requests no API
 * owns get {@code UnknownOperationException}. Immutable and thread-safe.
 */
public final class Routes {

  private final List<AwsApi> apis;

  public Routes(List<AwsApi> apis) {
    this.apis = List.copyOf(apis);
  }

  public Operation resolve(RequestHead head) {
    for (AwsApi api : apis) {
      Optional<Operation> operation = api.resolve(head);
      if (operation.isPresent()) {
        return operation.get();
      }
    }
    return unknown(head);
  }

  private static UnaryOperation unknown(RequestHead head) {
    String what = head.target().isEmpty()
        ? head.method() + " " + head.path()
        : "target " + head.target();
    return request -> CompletableFuture.failedFuture(
        ErrorType.UNKNOWN_OPERATION.exception("no operation for " + what));
  }
}

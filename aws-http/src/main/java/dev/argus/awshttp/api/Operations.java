package dev.argus.awshttp.api;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Adapters from a module's operation functions (request in, response document out) to {@link
 * UnaryOperation}s, each failure passed through the module's one error table. Stateless.
 */
public final class Operations {

  private Operations() {
  }

  /**
   * A module's error table: the exception to answer with for {@code failure} (never a
   * {@link CompletionException} wrapper); a failure it does not know is returned unchanged and
   * becomes an internal failure.
   */
  @FunctionalInterface
  public interface ErrorTable {
    Throwable toAws(Throwable failure);
  }

  /** An operation answered on the calling worker thread. */
  public static UnaryOperation answered(Function<AwsRequest, ?> operation, ErrorTable errors) {
    return completing(request -> CompletableFuture.completedFuture(operation.apply(request)), errors);
  }

  /** An operation whose document comes later (after an fsync, or from another pool). */
  public static UnaryOperation completing(Function<AwsRequest, ? extends CompletionStage<?>> operation,
                                          ErrorTable errors) {
    return request -> {
      CompletionStage<?> result;
      try {
        result = operation.apply(request);
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(errors.toAws(e));
      }
      CompletableFuture<AwsResponse> answer = new CompletableFuture<>();
      result.whenComplete((document, failure) -> {
        if (failure == null) {
          answer.complete(AwsResponse.ok(document));
        } else {
          answer.completeExceptionally(errors.toAws(unwrap(failure)));
        }
      });
      return answer;
    };
  }

  /**
   * Dispatch by {@code X-Amz-Target} ({@code prefix} + operation name): empty when the target is
   * not this API's, the named operation when {@code operations} has it, else an operation that
   * answers UnknownOperationException naming {@code api}.
   */
  public static Optional<Operation> byTarget(RequestHead head, String prefix,
                                             Map<String, ? extends Operation> operations, String api) {
    String target = head.target();
    if (!target.startsWith(prefix)) {
      return Optional.empty();
    }
    String name = target.substring(prefix.length());
    Operation operation = operations.get(name);
    if (operation == null) {
      operation = (UnaryOperation) request -> CompletableFuture.failedFuture(
          ErrorType.UNKNOWN_OPERATION.exception(api + " has no operation " + name));
    }
    return Optional.of(operation);
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}

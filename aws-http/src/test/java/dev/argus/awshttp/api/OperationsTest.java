package dev.argus.awshttp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.argus.awshttp.protocol.Protocol;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class OperationsTest {

  /** The module's failure with a row in the table. */
  static final class Known extends RuntimeException {
    Known(String message) {
      super(message);
    }
  }

  private static final ErrorType NOT_FOUND = new ErrorType("ResourceNotFoundException", 400);
  private static final Operations.ErrorTable TABLE =
      failure -> failure instanceof Known k ? NOT_FOUND.exception(k.getMessage()) : failure;

  private static final AwsRequest REQUEST = new AwsRequest(
      new RequestHead(HttpMethod.POST, "/", "", new DefaultHttpHeaders(), "req-1"),
      Protocol.AWS_JSON_1_1, JsonNodeFactory.instance.objectNode());

  private static Throwable failureOf(UnaryOperation operation) {
    return assertThatThrownBy(() -> operation.handle(REQUEST).toCompletableFuture().get())
        .isInstanceOf(ExecutionException.class).actual().getCause();
  }

  @Test
  void answeredWrapsTheDocumentInA200() throws Exception {
    AwsResponse response = Operations.answered(request -> Map.of("Name", "x"), TABLE).handle(REQUEST)
        .toCompletableFuture().get();
    assertThat(response.status()).isEqualTo(200);
    assertThat(((AwsResponse.Document) response).body()).isEqualTo(Map.of("Name", "x"));
  }

  @Test
  void aThrownKnownFailureBecomesItsAwsError() {
    Throwable failure = failureOf(Operations.answered(request -> {
      throw new Known("no such thing");
    }, TABLE));
    assertThat(failure).isInstanceOf(AwsException.class).hasMessage("no such thing");
    assertThat(((AwsException) failure).type()).isEqualTo(NOT_FOUND);
  }

  @Test
  void aLaterKnownFailureIsUnwrappedAndMapped() {
    Throwable failure = failureOf(Operations.completing(
        request -> CompletableFuture.failedFuture(new CompletionException(new Known("gone"))), TABLE));
    assertThat(failure).isInstanceOf(AwsException.class).hasMessage("gone");
  }

  @Test
  void anUnknownFailureIsPassedOnUnchanged() {
    IllegalStateException bug = new IllegalStateException("bug");
    assertThat(failureOf(Operations.answered(request -> {
      throw bug;
    }, TABLE))).isSameAs(bug);
    assertThat(failureOf(Operations.completing(request -> CompletableFuture.failedFuture(bug), TABLE))).isSameAs(bug);
  }

  @Test
  void byTargetServesItsOwnPrefixAndAnswersUnknownNames() {
    UnaryOperation describe = Operations.answered(request -> Map.of(), TABLE);
    Map<String, UnaryOperation> operations = Map.of("Describe", describe);
    assertThat(Operations.byTarget(head("Other_1.Describe"), "Api_1.", operations, "Api")).isEmpty();
    assertThat(Operations.byTarget(head("Api_1.Describe"), "Api_1.", operations, "Api")).containsSame(describe);
    UnaryOperation unknown = (UnaryOperation) Operations.byTarget(head("Api_1.Nope"), "Api_1.", operations, "Api")
        .orElseThrow();
    Throwable failure = failureOf(unknown);
    assertThat(((AwsException) failure).type()).isEqualTo(ErrorType.UNKNOWN_OPERATION);
    assertThat(failure).hasMessage("Api has no operation Nope");
  }

  private static RequestHead head(String target) {
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    headers.set(RequestHead.TARGET_HEADER, target);
    return new RequestHead(HttpMethod.POST, "/", "", headers, "req-1");
  }
}

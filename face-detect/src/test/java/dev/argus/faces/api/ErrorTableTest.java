package dev.argus.faces.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.awshttp.api.AwsException;
import dev.argus.faces.collection.CollectionException;
import dev.argus.faces.image.ImageTooLargeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorTableTest {

  @Test
  void everyCollectionFailureHasARow() {
    for (Class<?> kind : CollectionException.class.getPermittedSubclasses()) {
      assertThat(ErrorTable.TABLE).as(kind.getSimpleName()).containsKey(kind.asSubclass(RuntimeException.class));
    }
  }

  @Test
  void unwrapsCompletionExceptionsAndKeepsTheMessage() {
    Throwable mapped = ErrorTable.toAws(new CompletionException(new ImageTooLargeException("6 MB")));
    assertThat(mapped).isInstanceOf(AwsException.class).hasMessage("6 MB");
    assertThat(((AwsException) mapped).type().name()).isEqualTo("ImageTooLargeException");
    assertThat(((AwsException) mapped).type().httpStatus()).isEqualTo(400);
  }

  @Test
  void leavesUnknownFailuresToTheRouter() {
    IllegalStateException bug = new IllegalStateException("bug");
    assertThat(ErrorTable.toAws(bug)).isSameAs(bug);
  }
}

package dev.argus.fragmentstore.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.awshttp.api.AwsException;
import dev.argus.fragmentstore.catalog.CatalogException;
import dev.argus.fragmentstore.catalog.InvalidArgumentException;
import dev.argus.fragmentstore.catalog.StreamNotFoundException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorTableTest {

  @Test
  void everyCatalogFailureHasExactlyOneRow() {
    assertThat(ErrorTable.TABLE.keySet()).map(Class::getName).containsExactlyInAnyOrder(
        Arrays.stream(CatalogException.class.getPermittedSubclasses()).map(Class::getName).toArray(String[]::new));
  }

  @Test
  void mapsNameStatusAndMessage() {
    AwsException notFound = ErrorTable.toAws(new StreamNotFoundException("gone"));
    assertThat(notFound.type().name()).isEqualTo("ResourceNotFoundException");
    assertThat(notFound.type().httpStatus()).isEqualTo(404);
    assertThat(notFound.getMessage()).isEqualTo("gone");
    assertThat(ErrorTable.toAws(new InvalidArgumentException("x")).type().httpStatus()).isEqualTo(400);
  }
}

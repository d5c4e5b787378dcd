package dev.argus.datastream.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.awshttp.api.AwsException;
import dev.argus.datastream.engine.StreamsException;
import dev.argus.datastream.engine.ThroughputExceededException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorTableTest {

  @Test
  void everyEngineFailureHasARow() {
    assertThat(Arrays.asList(StreamsException.class.getPermittedSubclasses()))
        .containsExactlyInAnyOrderElementsOf(ErrorTable.TABLE.keySet());
    ErrorTable.TABLE.values().forEach(type -> assertThat(type.httpStatus()).isEqualTo(400));
  }

  @Test
  void mapsToKinesisNames() {
    AwsException error = ErrorTable.toAws(new ThroughputExceededException("slow down"));
    assertThat(error.type().name()).isEqualTo("ProvisionedThroughputExceededException");
    assertThat(error.getMessage()).isEqualTo("slow down");
  }
}

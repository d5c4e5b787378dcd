package dev.argus.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Kinesis contract with {@code aws.cborEnabled=false}: awsJson1.1 both ways. */
class KinesisDataStreamsJsonIT extends KinesisDataStreamsContract {

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("aws.cborEnabled", "false");
    startAll();
  }

  @AfterAll
  static void clear() {
    System.clearProperty("aws.cborEnabled");
  }
}

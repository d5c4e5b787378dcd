package dev.argus.it;

import org.junit.jupiter.api.BeforeAll;

/** The Kinesis contract with the SDK's default body protocol, CBOR. */
class KinesisDataStreamsCborIT extends KinesisDataStreamsContract {

  @BeforeAll
  static void start() throws Exception {
    startAll();
  }
}

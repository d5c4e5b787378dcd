package dev.argus.app.server;

import dev.argus.datastream.engine.DataStreamEngine;
import dev.argus.datastream.engine.PutEntry;
import dev.argus.datastream.engine.StreamsException;
import dev.argus.datastream.engine.ThroughputExceededException;
import dev.argus.faces.processor.ProcessorResourceNotFoundException;
import dev.argus.faces.processor.RecordSink;
import java.util.concurrent.ExecutionException;

/**
 * The stream processors' output: PutRecord into the data-stream engine in process, waiting until
 * the record is durable. A spent shard budget is retried up to {@value #DEFAULT_ATTEMPTS} times,
 * {@value #DEFAULT_BACKOFF_MILLIS} ms apart. Thread-safe: stateless over the thread-safe engine.
 */
final class EngineRecordSink implements RecordSink {

  static final int DEFAULT_ATTEMPTS = 10;
  static final long DEFAULT_BACKOFF_MILLIS = 100;

  private final DataStreamEngine engine;

  EngineRecordSink(DataStreamEngine engine) {
    this.engine = engine;
  }

  @Override
  public void requireStream(String streamArn) {
    try {
      engine.describeStream(streamArn);
    } catch (StreamsException e) {
      throw new ProcessorResourceNotFoundException("no data stream " + streamArn + ": " + e.getMessage());
    }
  }

  @Override
  public void put(String streamArn, String partitionKey, byte[] data) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        engine.putRecord(streamArn, PutEntry.of(partitionKey, data)).get();
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof ThroughputExceededException) || attempt == DEFAULT_ATTEMPTS) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
        Thread.sleep(DEFAULT_BACKOFF_MILLIS);
      }
    }
  }
}

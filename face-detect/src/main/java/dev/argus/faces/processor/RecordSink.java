package dev.argus.faces.processor;

/**
 * Where a stream processor puts its records: a Kinesis data stream, implemented by the app over
 * the data-stream engine's in-process API. Implementations are thread-safe.
 */
public interface RecordSink {

  /**
   * Checks that the data stream exists.
   *
   * @throws ProcessorResourceNotFoundException when it does not
   */
  void requireStream(String streamArn);

  /** Puts one record and waits until it is durable (the record is readable with GetRecords). */
  void put(String streamArn, String partitionKey, byte[] data) throws Exception;
}

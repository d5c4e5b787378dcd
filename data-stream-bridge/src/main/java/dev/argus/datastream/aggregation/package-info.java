/**
 * Aggregation in the Kinesis Producer Library's format: many user records in one Kinesis record.
 *
 * <p>Pure: values in, values out. {@link dev.argus.datastream.aggregation.RecordAggregator} packs on
 * the producer side; {@link dev.argus.datastream.aggregation.RecordDeaggregator} unpacks on the
 * consumer side, where each user record keeps the carrying record's sequence number and gets a
 * sub-sequence number. The byte format is documented on {@code KplFormat} and interoperates with
 * the KPL and the KCL in both directions.
 */
package dev.argus.datastream.aggregation;

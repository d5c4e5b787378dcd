/**
 * The Kinesis Data Streams wire API over the engine: {@link dev.argus.datastream.api.KinesisApi}.
 * Request members are read by {@code Members}, responses built by {@code Documents}, and engine
 * failures mapped to Kinesis errors by the one {@code ErrorTable}.
 */
package dev.argus.datastream.api;

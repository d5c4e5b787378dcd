/**
 * The PutMedia ACK stream: newline-separated JSON events read incrementally by
 * {@link dev.argus.producer.ack.AckReader}, and what each ERROR id means for a producer
 * ({@link dev.argus.producer.ack.KvsErrorId}).
 */
package dev.argus.producer.ack;

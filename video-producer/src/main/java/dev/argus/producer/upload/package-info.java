/**
 * The PutMedia client: {@link dev.argus.producer.upload.StreamUploader} (one long chunked request
 * on Netty, ACKs read concurrently, resend from the first un-persisted fragment, staleness,
 * rotation, backoff per {@link dev.argus.producer.upload.ReconnectPolicy}), its listener and metrics.
 */
package dev.argus.producer.upload;

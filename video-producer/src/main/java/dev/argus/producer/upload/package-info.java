/**
 * The PutMedia client: {@link dev.argus.producer.upload.StreamUploader} (one long chunked request
 * on Netty, frames written as they come or whole fragments, ACKs read concurrently, resend from the
 * first un-persisted fragment (a fragment in progress from its start), staleness,
 * rotation, backoff per {@link dev.argus.producer.upload.ReconnectPolicy}), its listener and metrics.
 */
package dev.argus.producer.upload;

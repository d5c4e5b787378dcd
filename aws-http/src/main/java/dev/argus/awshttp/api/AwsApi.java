package dev.argus.awshttp.api;

import java.util.Optional;

/**
 * One module's share of the port: it recognises the requests it owns and returns the operation
 * that serves each one.
 *
 * <p>Implementations must be thread-safe: {@link #resolve} is called on Netty event loops,
 * concurrently, and must not block.
 */
public interface AwsApi {

  /**
   * Returns the operation for this request, or empty when this API does not own it. An API
   * that owns the request but not the operation (an unknown {@code X-Amz-Target} under its
   * prefix, say) should return an operation that fails with the right error instead.
   */
  Optional<Operation> resolve(RequestHead head);
}

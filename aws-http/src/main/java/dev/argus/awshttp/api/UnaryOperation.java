package dev.argus.awshttp.api;

import java.util.concurrent.CompletionStage;

/**
 * A request/response operation whose request body is aggregated (up to the server's stated
 * limit) and decoded before {@link #handle} runs.
 *
 * <p>{@link #handle} runs on a worker thread, never on an event loop, so it may block briefly on
 * storage. It may also return a stage that completes later (after a group-committed fsync, say).
 * A stage that fails with {@link AwsException} becomes that AWS error; any other failure becomes
 * {@code InternalFailure} (500) and is logged.
 */
@FunctionalInterface
public non-sealed interface UnaryOperation extends Operation {

  CompletionStage<AwsResponse> handle(AwsRequest request);
}

package dev.argus.awshttp.api;

/**
 * What serves one request: either a {@link UnaryOperation} (bounded body, one response document)
 * or a {@link StreamingOperation} (body and response streamed, for media).
 */
public sealed interface Operation permits UnaryOperation, StreamingOperation {
}

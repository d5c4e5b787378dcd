/**
 * One port for every AWS wire API Argus speaks.
 *
 * <ul>
 *   <li>{@code api}: the small interface through which each module contributes its operations
 *       ({@link dev.argus.awshttp.api.AwsApi}); the server knows no module's internals.</li>
 *   <li>{@code protocol}: the body formats (awsJson1.1, CBOR 1.1, REST-JSON) and the AWS error
 *       shape.</li>
 *   <li>{@code server}: Netty bootstrap, the HTTP/1.1 + cleartext HTTP/2 pipeline, and the
 *       router that dispatches each request to an operation.</li>
 * </ul>
 */
package dev.argus.awshttp;

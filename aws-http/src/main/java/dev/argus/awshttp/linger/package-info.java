/**
 * Closing a connection after a last response so the peer still reads it: {@link
 * dev.argus.awshttp.linger.LingeringClose}.
 */
package dev.argus.awshttp.linger;

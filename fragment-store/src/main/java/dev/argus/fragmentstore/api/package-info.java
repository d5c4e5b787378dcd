/**
 * The Kinesis Video control plane's HTTP edge (REST-JSON on the shared port):
 * {@link dev.argus.fragmentstore.api.VideoControlPlaneApi} routes, {@code ControlPlaneOperations}
 * reads members and calls the catalog, and {@code ErrorTable} is the only place catalog failures
 * become AWS error types.
 */
package dev.argus.fragmentstore.api;

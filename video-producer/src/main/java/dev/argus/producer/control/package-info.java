/**
 * The control-plane calls a producer needs (create, describe, GetDataEndpoint):
 * {@link dev.argus.producer.control.ControlPlaneClient}.
 */
package dev.argus.producer.control;

/**
 * Kinesis Video Streams on local disk. Today: the control plane.
 *
 * <ul>
 *   <li>{@code catalog}: pure. Stream records, names, ARNs, versions, retention, tags, paging
 *       tokens; the immutable {@link dev.argus.fragmentstore.catalog.Catalog} state machine and
 *       the thread-safe {@link dev.argus.fragmentstore.catalog.VideoStreamCatalog} around it; the
 *       {@link dev.argus.fragmentstore.catalog.StreamLifecycleListener} the media side will use.</li>
 *   <li>{@code catalogstore}: the catalog's durable snapshot file.</li>
 *   <li>{@code api}: the AWS wire edge: routing, reading request members, response documents and
 *       the one table from catalog failures to AWS errors.</li>
 * </ul>
 * {@link dev.argus.fragmentstore.VideoStreamsModule} wires them for the app.
 */
package dev.argus.fragmentstore;

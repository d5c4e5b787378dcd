/**
 * Ingest: cutting a live MKV stream (a PutMedia body) into stream headers and whole raw Clusters,
 * what a fragment store keeps ({@link dev.argus.parser.ingest.ClusterCutter}).
 */
package dev.argus.parser.ingest;

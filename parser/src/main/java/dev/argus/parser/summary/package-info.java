/** Counting what an MKV stream holds ({@code argus mkv info}): {@link dev.argus.parser.summary.MkvSummarizer}. */
package dev.argus.parser.summary;

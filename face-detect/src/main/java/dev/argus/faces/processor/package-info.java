/**
 * Rekognition Video stream processors: {@link dev.argus.faces.processor.StreamProcessors} keeps
 * the definitions (an atomic JSON snapshot, {@code processors.json}) and runs one worker thread per
 * STARTING/RUNNING processor, restarted after a server restart.
 *
 * <p>A worker tails a Kinesis video stream through {@link dev.argus.faces.processor.VideoFragmentSource}
 * (the app adapts the fragment store's cursor, the reader GetMedia uses), parses each fragment with
 * the parser's {@code MkvParser}, decodes its video track with {@code VideoTrackDecoder} over FFmpeg,
 * analyses {@link dev.argus.faces.processor.StreamProcessors#DEFAULT_FRAMES_PER_SECOND} frames per
 * second with {@code FrameAnalyzer}, and puts one face-search JSON record per analysed frame with a
 * face through {@link dev.argus.faces.processor.RecordSink} (the app adapts the data-stream
 * engine), partition key = the video stream's name. Fragments stored more than
 * {@link dev.argus.faces.processor.StreamProcessors#DEFAULT_MAX_LAG_MILLIS} ago when reached are
 * skipped, so a worker never falls unboundedly behind; DescribeStreamProcessor reports the lag as
 * MillisBehindNow.
 *
 * <p>Status: see {@link dev.argus.faces.processor.ProcessorStatus}.
 */
package dev.argus.faces.processor;

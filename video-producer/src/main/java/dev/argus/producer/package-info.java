/**
 * The video producer: capture from files, RTSP cameras, V4L2 devices and FFmpeg test patterns,
 * fragment at key frames, and upload with PutMedia without losing a frame. Frames are streamed as
 * they are produced: a fragment's key frame opens a Cluster of unknown size and every frame is
 * written to the connection at once, as the KVS producer SDK does, so a frame does not wait for its
 * fragment to end.
 *
 * <p>Entry point: {@link dev.argus.producer.VideoProducer}, which runs
 * {@code source → fragment → MKV → content buffer → PutMedia} for one stream:
 *
 * <pre>
 * MediaSource source = Sources.open(SourceSpec.parse("rtsp://cam/stream"), SourceOptions.defaults(clock, target));
 * VideoProducer producer = new VideoProducer(source, true, false, FragmentLimits.withTarget(target),
 *     UploadConfig.defaults(new PutMediaTarget(endpoint, "front-door")), eventLoops, clock, new Random(), listener);
 * producer.start();
 * </pre>
 *
 * Packages, from the pure core out: {@code fragment} (cutting), {@code buffer} (the bounded,
 * replayable content buffer), {@code ack} (the ACK stream), {@code mkv} (packaging with the
 * parser's writer), {@code upload} (the PutMedia client and its reconnect policy), {@code source}
 * (FFmpeg capture and encoding), {@code control} (the control-plane calls a producer needs).
 */
package dev.argus.producer;

package dev.argus.parser.mkv;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One TrackEntry. Read by {@link MkvParser}, written by {@link dev.argus.parser.write.MkvWriter}.
 *
 * @param number TrackNumber (positive); blocks name their track by it
 * @param uid TrackUID, an unsigned 64-bit value (print it with {@link Long#toUnsignedString(long)}); 0 when absent
 * @param type TrackType: {@link #TYPE_VIDEO}, {@link #TYPE_AUDIO}, ...
 * @param codecId CodecID, e.g. "V_MPEG4/ISO/AVC", "V_MPEGH/ISO/HEVC", "A_AAC"
 * @param codecPrivate CodecPrivate (for AVC: an AVCDecoderConfigurationRecord), empty when absent;
 *     copied in and out, so the record is immutable
 * @param name the track Name, or ""
 * @param defaultDurationNanos DefaultDuration in ns, 0 when absent
 * @param pixelWidth video PixelWidth, 0 for non-video
 * @param pixelHeight video PixelHeight, 0 for non-video
 * @param samplingFrequency audio SamplingFrequency in Hz, 0 for non-audio
 * @param channels audio Channels, 0 for non-audio
 */
public record TrackInfo(long number, long uid, int type, String codecId, byte[] codecPrivate, String name,
    long defaultDurationNanos, int pixelWidth, int pixelHeight, double samplingFrequency, int channels) {

  public static final int TYPE_VIDEO = 1;
  public static final int TYPE_AUDIO = 2;
  public static final int TYPE_SUBTITLE = 0x11;
  public static final int TYPE_METADATA = 0x21;

  public TrackInfo {
    if (number <= 0) {
      throw new IllegalArgumentException("track number must be positive: " + number);
    }
    Objects.requireNonNull(codecId, "codecId");
    Objects.requireNonNull(name, "name");
    codecPrivate = codecPrivate == null ? new byte[0] : codecPrivate.clone();
    if (pixelWidth < 0 || pixelHeight < 0 || channels < 0 || defaultDurationNanos < 0) {
      throw new IllegalArgumentException("negative track dimension");
    }
  }

  /** A video track with uid = number. */
  public static TrackInfo video(long number, String codecId, byte[] codecPrivate, int width, int height) {
    return new TrackInfo(number, number, TYPE_VIDEO, codecId, codecPrivate, "", 0, width, height, 0, 0);
  }

  /** An audio track with uid = number. */
  public static TrackInfo audio(long number, String codecId, byte[] codecPrivate, double samplingFrequency,
      int channels) {
    return new TrackInfo(number, number, TYPE_AUDIO, codecId, codecPrivate, "", 0, 0, 0, samplingFrequency,
        channels);
  }

  /** A copy of CodecPrivate. */
  @Override
  public byte[] codecPrivate() {
    return codecPrivate.clone();
  }

  public boolean isVideo() {
    return type == TYPE_VIDEO;
  }

  public boolean isAudio() {
    return type == TYPE_AUDIO;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrackInfo t && number == t.number && uid == t.uid && type == t.type
        && codecId.equals(t.codecId) && Arrays.equals(codecPrivate, t.codecPrivate) && name.equals(t.name)
        && defaultDurationNanos == t.defaultDurationNanos && pixelWidth == t.pixelWidth
        && pixelHeight == t.pixelHeight && Double.compare(samplingFrequency, t.samplingFrequency) == 0
        && channels == t.channels;
  }

  @Override
  public int hashCode() {
    return Objects.hash(number, uid, type, codecId, Arrays.hashCode(codecPrivate), name, pixelWidth, pixelHeight);
  }

  @Override
  public String toString() {
    return "TrackInfo[number=" + number + ", uid=" + uid + ", type=" + type + ", codecId=" + codecId
        + ", codecPrivate=" + HexFormat.of().formatHex(codecPrivate) + ", name=" + name + ", defaultDurationNanos="
        + defaultDurationNanos + ", pixelWidth=" + pixelWidth + ", pixelHeight=" + pixelHeight
        + ", samplingFrequency=" + samplingFrequency + ", channels=" + channels + "]";
  }
}

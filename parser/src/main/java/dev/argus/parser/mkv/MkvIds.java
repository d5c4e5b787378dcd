package dev.argus.parser.mkv;

/** Matroska element IDs (RFC 9559), with their length markers, for the elements Argus reads or writes. */
public final class MkvIds {
  public static final int SEGMENT = 0x18538067;
  public static final int SEEK_HEAD = 0x114D9B74;
  public static final int INFO = 0x1549A966;
  public static final int TIMECODE_SCALE = 0x2AD7B1;
  public static final int DURATION = 0x4489;
  public static final int TITLE = 0x7BA9;
  public static final int MUXING_APP = 0x4D80;
  public static final int WRITING_APP = 0x5741;
  public static final int SEGMENT_UID = 0x73A4;
  public static final int TRACKS = 0x1654AE6B;
  public static final int TRACK_ENTRY = 0xAE;
  public static final int TRACK_NUMBER = 0xD7;
  public static final int TRACK_UID = 0x73C5;
  public static final int TRACK_TYPE = 0x83;
  public static final int CODEC_ID = 0x86;
  public static final int CODEC_PRIVATE = 0x63A2;
  public static final int CODEC_NAME = 0x258688;
  public static final int TRACK_NAME = 0x536E;
  public static final int DEFAULT_DURATION = 0x23E383;
  public static final int VIDEO = 0xE0;
  public static final int PIXEL_WIDTH = 0xB0;
  public static final int PIXEL_HEIGHT = 0xBA;
  public static final int AUDIO = 0xE1;
  public static final int SAMPLING_FREQUENCY = 0xB5;
  public static final int CHANNELS = 0x9F;
  public static final int BIT_DEPTH = 0x6264;
  public static final int CLUSTER = 0x1F43B675;
  public static final int TIMECODE = 0xE7;
  public static final int SILENT_TRACKS = 0x5854;
  public static final int POSITION = 0xA7;
  public static final int PREV_SIZE = 0xAB;
  public static final int SIMPLE_BLOCK = 0xA3;
  public static final int BLOCK_GROUP = 0xA0;
  public static final int BLOCK = 0xA1;
  public static final int BLOCK_DURATION = 0x9B;
  public static final int REFERENCE_BLOCK = 0xFB;
  public static final int ENCRYPTED_BLOCK = 0xAF;
  public static final int CUES = 0x1C53BB6B;
  public static final int CHAPTERS = 0x1043A770;
  public static final int ATTACHMENTS = 0x1941A469;
  public static final int TAGS = 0x1254C367;
  public static final int TAG = 0x7373;
  public static final int TARGETS = 0x63C0;
  public static final int TARGET_TYPE_VALUE = 0x68CA;
  public static final int TARGET_TYPE = 0x63CA;
  public static final int TAG_TRACK_UID = 0x63C5;
  public static final int SIMPLE_TAG = 0x67C8;
  public static final int TAG_NAME = 0x45A3;
  public static final int TAG_LANGUAGE = 0x447A;
  public static final int TAG_DEFAULT = 0x4484;
  public static final int TAG_STRING = 0x4487;
  public static final int TAG_BINARY = 0x4485;

  private MkvIds() {
  }

  /** Whether {@code id} is a child of Segment (level 1); such an ID ends an unknown-size Cluster. */
  public static boolean isSegmentChild(int id) {
    return id == SEEK_HEAD || id == INFO || id == TRACKS || id == CLUSTER || id == CUES
        || id == CHAPTERS || id == ATTACHMENTS || id == TAGS;
  }
}

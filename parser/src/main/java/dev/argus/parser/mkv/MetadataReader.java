package dev.argus.parser.mkv;

import dev.argus.parser.ebml.EbmlIds;
import java.util.ArrayList;
import java.util.List;

/** Decodes metadata elements held whole: the EBML header, Info, Tracks and Tags. Stateless. */
final class MetadataReader {

  private MetadataReader() {
  }

  static EbmlHeader ebmlHeader(ElementCursor c) {
    c.verifyLeadingCrc(EbmlIds.EBML);
    long version = 1;
    long readVersion = 1;
    long maxId = 4;
    long maxSize = 8;
    String docType = "matroska";
    long docTypeVersion = 1;
    long docTypeReadVersion = 1;
    while (c.next()) {
      switch (c.id) {
        case EbmlIds.EBML_VERSION -> version = c.unsigned();
        case EbmlIds.EBML_READ_VERSION -> readVersion = c.unsigned();
        case EbmlIds.EBML_MAX_ID_LENGTH -> maxId = c.unsigned();
        case EbmlIds.EBML_MAX_SIZE_LENGTH -> maxSize = c.unsigned();
        case EbmlIds.DOC_TYPE -> docType = c.string();
        case EbmlIds.DOC_TYPE_VERSION -> docTypeVersion = c.unsigned();
        case EbmlIds.DOC_TYPE_READ_VERSION -> docTypeReadVersion = c.unsigned();
        default -> {
          // Void, CRC and unknown children are skipped.
        }
      }
    }
    return new EbmlHeader(version, readVersion, maxId, maxSize, docType, docTypeVersion, docTypeReadVersion);
  }

  static SegmentInfo info(ElementCursor c) {
    c.verifyLeadingCrc(MkvIds.INFO);
    long scale = SegmentInfo.DEFAULT_TIMECODE_SCALE;
    double duration = Double.NaN;
    String title = "";
    String muxingApp = "";
    String writingApp = "";
    while (c.next()) {
      switch (c.id) {
        case MkvIds.TIMECODE_SCALE -> scale = c.unsigned();
        case MkvIds.DURATION -> duration = c.floating();
        case MkvIds.TITLE -> title = c.string();
        case MkvIds.MUXING_APP -> muxingApp = c.string();
        case MkvIds.WRITING_APP -> writingApp = c.string();
        default -> {
        }
      }
    }
    if (scale <= 0) {
      throw new MalformedMkvException("TimecodeScale must be positive: " + scale, c.bodyOffset());
    }
    return new SegmentInfo(scale, duration, title, muxingApp, writingApp);
  }

  static List<TrackInfo> tracks(ElementCursor c) {
    c.verifyLeadingCrc(MkvIds.TRACKS);
    List<TrackInfo> tracks = new ArrayList<>();
    while (c.next()) {
      if (c.id == MkvIds.TRACK_ENTRY) {
        tracks.add(trackEntry(c.children(), c.offsetOf(c.startIndex)));
      }
    }
    return tracks;
  }

  private static TrackInfo trackEntry(ElementCursor c, long offset) {
    c.verifyLeadingCrc(MkvIds.TRACK_ENTRY);
    long number = 0;
    long uid = 0;
    int type = 0;
    String codecId = "";
    byte[] codecPrivate = null;
    String name = "";
    long defaultDuration = 0;
    long[] video = {0, 0};
    double[] audio = {0, 0};
    while (c.next()) {
      switch (c.id) {
        case MkvIds.TRACK_NUMBER -> number = c.unsigned();
        case MkvIds.TRACK_UID -> uid = c.unsigned();
        case MkvIds.TRACK_TYPE -> type = (int) c.unsigned();
        case MkvIds.CODEC_ID -> codecId = c.string();
        case MkvIds.CODEC_PRIVATE -> codecPrivate = c.bytes();
        case MkvIds.TRACK_NAME -> name = c.string();
        case MkvIds.DEFAULT_DURATION -> defaultDuration = c.unsigned();
        case MkvIds.VIDEO -> video(c.children(), video);
        case MkvIds.AUDIO -> audio(c.children(), audio);
        default -> {
        }
      }
    }
    if (number <= 0 || defaultDuration < 0 || video[0] < 0 || video[0] > Integer.MAX_VALUE || video[1] < 0
        || video[1] > Integer.MAX_VALUE || audio[1] < 0 || audio[1] > Integer.MAX_VALUE) {
      throw new MalformedMkvException("bad TrackEntry (number " + number + ")", offset);
    }
    return new TrackInfo(number, uid, type, codecId, codecPrivate, name, defaultDuration, (int) video[0],
        (int) video[1], audio[0], (int) audio[1]);
  }

  private static void video(ElementCursor c, long[] out) {
    while (c.next()) {
      if (c.id == MkvIds.PIXEL_WIDTH) {
        out[0] = c.unsigned();
      } else if (c.id == MkvIds.PIXEL_HEIGHT) {
        out[1] = c.unsigned();
      }
    }
  }

  private static void audio(ElementCursor c, double[] out) {
    while (c.next()) {
      if (c.id == MkvIds.SAMPLING_FREQUENCY) {
        out[0] = c.floating();
      } else if (c.id == MkvIds.CHANNELS) {
        out[1] = c.unsigned();
      }
    }
  }

  static List<Tag> tags(ElementCursor c, int maxDepth) {
    c.verifyLeadingCrc(MkvIds.TAGS);
    List<Tag> tags = new ArrayList<>();
    while (c.next()) {
      if (c.id == MkvIds.TAG) {
        tags.add(tag(c.children(), maxDepth));
      }
    }
    return tags;
  }

  private static Tag tag(ElementCursor c, int maxDepth) {
    long targetTypeValue = Tag.DEFAULT_TARGET_TYPE_VALUE;
    List<SimpleTag> simpleTags = new ArrayList<>();
    while (c.next()) {
      if (c.id == MkvIds.TARGETS) {
        ElementCursor targets = c.children();
        while (targets.next()) {
          if (targets.id == MkvIds.TARGET_TYPE_VALUE) {
            targetTypeValue = targets.unsigned();
          }
        }
      } else if (c.id == MkvIds.SIMPLE_TAG) {
        simpleTags.add(simpleTag(c.children(), 1, maxDepth));
      }
    }
    return new Tag(targetTypeValue, simpleTags);
  }

  private static SimpleTag simpleTag(ElementCursor c, int depth, int maxDepth) {
    if (depth > maxDepth) {
      throw new MalformedMkvException("SimpleTag nested deeper than " + maxDepth, c.bodyOffset());
    }
    String name = "";
    String value = "";
    List<SimpleTag> children = new ArrayList<>(0);
    while (c.next()) {
      switch (c.id) {
        case MkvIds.TAG_NAME -> name = c.string();
        case MkvIds.TAG_STRING -> value = c.string();
        case MkvIds.SIMPLE_TAG -> children.add(simpleTag(c.children(), depth + 1, maxDepth));
        default -> {
        }
      }
    }
    return new SimpleTag(name, value, children);
  }
}

package dev.argus.parser.mkv;

import java.util.List;

/**
 * One Tag: its Targets (TargetTypeValue, 50 = "ALBUM/EPISODE" when absent) and its SimpleTags.
 * KVS writes its AWS_KINESISVIDEO_* tags as one Tag each, with default targets.
 */
public record Tag(long targetTypeValue, List<SimpleTag> simpleTags) {

  /** Matroska's default TargetTypeValue. */
  public static final long DEFAULT_TARGET_TYPE_VALUE = 50;

  public Tag {
    simpleTags = List.copyOf(simpleTags);
  }

  /** A Tag with default targets. */
  public static Tag of(List<SimpleTag> simpleTags) {
    return new Tag(DEFAULT_TARGET_TYPE_VALUE, simpleTags);
  }
}

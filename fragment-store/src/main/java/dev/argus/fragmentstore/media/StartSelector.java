package dev.argus.fragmentstore.media;

import dev.argus.fragmentstore.fragment.FragmentIndex;
import dev.argus.fragmentstore.fragment.FragmentMeta;
import dev.argus.fragmentstore.fragment.FragmentNumber;
import dev.argus.fragmentstore.fragment.TimestampKind;
import dev.argus.fragmentstore.store.FragmentCursor;
import dev.argus.fragmentstore.store.StreamStorage;
import java.util.Objects;
import java.util.Optional;

/**
 * GetMedia's StartSelector, validated, and where it makes a reader start. Pure.
 *
 * <p>Resolution, against a stream's index and its next offset (the live end):
 * <ul>
 *   <li>{@link Now}: the live end: only fragments stored from now on.</li>
 *   <li>{@link Earliest}: the oldest stored fragment.</li>
 *   <li>{@link AfterFragment}: the fragment after the given one, which must be stored (else
 *       {@link FragmentNotFoundException}).</li>
 *   <li>{@link AtTime}: {@link FragmentIndex#startAt}: the fragment holding the time, else the
 *       first after it, else the live end.</li>
 *   <li>{@link Continuation}: the fragment after the token's, or the oldest stored one if
 *       retention dropped those in between.</li>
 * </ul>
 * Fragment numbers of another incarnation of the stream are not found.
 */
public sealed interface StartSelector {

  record Now() implements StartSelector {
  }

  record Earliest() implements StartSelector {
  }

  record AfterFragment(FragmentNumber number) implements StartSelector {
    public AfterFragment {
      Objects.requireNonNull(number, "number");
    }
  }

  record AtTime(TimestampKind kind, long millis) implements StartSelector {
    public AtTime {
      Objects.requireNonNull(kind, "kind");
    }
  }

  /** A continuation token: the number of the last fragment a reader got. */
  record Continuation(FragmentNumber last) implements StartSelector {
    public Continuation {
      Objects.requireNonNull(last, "last");
    }
  }

  /**
   * A cursor over {@code stream} from where this selector starts: the in-process way to tail a
   * stream (what GetMedia does), e.g. {@code new StartSelector.Now().openCursor(store.open(info))}.
   *
   * @throws FragmentNotFoundException as {@link #resolve}
   */
  default FragmentCursor openCursor(StreamStorage stream) {
    long epoch = stream.key().creationMillis();
    return stream.cursor(stream.query(index -> resolve(index, stream.nextOffset(), epoch)));
  }

  /**
   * The offset a reader starts at.
   *
   * @param index the stream's index
   * @param nextOffset the stream's live end
   * @param streamEpochMillis the stream's creation time
   * @throws FragmentNotFoundException for {@link AfterFragment} of a fragment not stored, or a
   *     number or token of another incarnation
   */
  default long resolve(FragmentIndex index, long nextOffset, long streamEpochMillis) {
    if (this instanceof Now) {
      return nextOffset;
    }
    if (this instanceof Earliest) {
      return index.first().map(FragmentMeta::offset).orElse(nextOffset);
    }
    if (this instanceof AfterFragment after) {
      FragmentMeta meta = index.find(after.number())
          .orElseThrow(() -> new FragmentNotFoundException(after.number().toString()));
      return meta.offset() + 1;
    }
    if (this instanceof AtTime at) {
      return index.startAt(at.kind(), at.millis()).map(FragmentMeta::offset).orElse(nextOffset);
    }
    Continuation continuation = (Continuation) this;
    if (continuation.last().streamEpochMillis() != streamEpochMillis
        || continuation.last().offset() >= nextOffset) {
      throw new FragmentNotFoundException(continuation.last().toString());
    }
    Optional<FragmentMeta> next = index.atOrAfter(continuation.last().offset() + 1);
    return next.map(FragmentMeta::offset).orElse(nextOffset);
  }
}

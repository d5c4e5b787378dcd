package dev.argus.it;

import com.amazonaws.kinesisvideo.parser.ebml.InputStreamParserByteSource;
import com.amazonaws.kinesisvideo.parser.ebml.MkvTypeInfos;
import com.amazonaws.kinesisvideo.parser.mkv.MkvDataElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvElementVisitException;
import com.amazonaws.kinesisvideo.parser.mkv.MkvElementVisitor;
import com.amazonaws.kinesisvideo.parser.mkv.MkvEndMasterElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvStartMasterElement;
import com.amazonaws.kinesisvideo.parser.mkv.StreamingMkvReader;
import com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadataVisitor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads Kinesis Video MKV with the AWS KVS parser library 1.2.5 and its FragmentMetadataVisitor:
 * the peer implementation our output must satisfy.
 */
final class KvsParserReader {

  /** One fragment as the library saw it. */
  record Fragment(String number, long serverMillis, long producerMillis, int frames) {
  }

  private KvsParserReader() {
  }

  /** Reads until {@code fragments} fragments are complete, or the input ends. */
  static List<Fragment> read(InputStream in, int fragments) throws MkvElementVisitException {
    return read(in, fragments, number -> { });
  }

  /**
   * As {@link #read(InputStream, int)}, telling {@code onFrame} the fragment number of each
   * SimpleBlock as soon as the library parsed it.
   */
  static List<Fragment> read(InputStream in, int fragments, Consumer<String> onFrame)
      throws MkvElementVisitException {
    FragmentMetadataVisitor metadata = FragmentMetadataVisitor.create();
    Map<String, int[]> frames = new LinkedHashMap<>();
    Map<String, com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadata> seen = new LinkedHashMap<>();
    MkvElementVisitor counter = new MkvElementVisitor() {
      @Override
      public void visit(MkvStartMasterElement start) {
      }

      @Override
      public void visit(MkvEndMasterElement end) {
      }

      @Override
      public void visit(MkvDataElement data) {
        if (MkvTypeInfos.SIMPLEBLOCK.equals(data.getElementMetaData().getTypeInfo())) {
          var current = metadata.getCurrentFragmentMetadata().orElseThrow();
          seen.put(current.getFragmentNumberString(), current);
          frames.computeIfAbsent(current.getFragmentNumberString(), k -> new int[1])[0]++;
          onFrame.accept(current.getFragmentNumberString());
        }
      }
    };
    // GetMedia never ends: stop once the last wanted fragment's trailing tags were read
    drive(in, () -> seen.size() >= fragments && metadata.getContinuationToken().isPresent()
        && metadata.getContinuationToken().get().equals(lastKey(seen)), metadata, counter);
    List<Fragment> out = new ArrayList<>();
    seen.forEach((number, m) -> out.add(new Fragment(number, m.getServerSideTimestampMillis(),
        m.getProducerSideTimestampMillis(), frames.get(number)[0])));
    return out.subList(0, Math.min(fragments, out.size()));
  }

  /**
   * Hands each element the library reads from {@code in} to every visitor in order, until the input
   * ends or {@code done} holds after an element.
   */
  static void drive(InputStream in, BooleanSupplier done, MkvElementVisitor... visitors)
      throws MkvElementVisitException {
    StreamingMkvReader reader = StreamingMkvReader.createDefault(new InputStreamParserByteSource(in));
    while (reader.mightHaveNext()) {
      Optional<MkvElement> element = reader.nextIfAvailable();
      if (element.isEmpty()) {
        continue;
      }
      for (MkvElementVisitor visitor : visitors) {
        element.get().accept(visitor);
      }
      if (done.getAsBoolean()) {
        return;
      }
    }
  }

  private static String lastKey(Map<String, ?> map) {
    String last = null;
    for (String key : map.keySet()) {
      last = key;
    }
    return last;
  }
}

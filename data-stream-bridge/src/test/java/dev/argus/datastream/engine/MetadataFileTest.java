package dev.argus.datastream.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataFileTest {

  @TempDir
  Path dir;

  private static StreamInfo stream(String name) {
    List<ShardInfo> shards = Resharding.split(Resharding.initial(2, 10), new dev.argus.datastream.shard.ShardId(0),
        java.math.BigInteger.TEN, 20, id -> 3);
    return new StreamInfo(name, 10, StreamStatus.ACTIVE, StreamMode.ON_DEMAND, 48, shards,
        new TreeMap<>(Map.of("k", "v")), List.of(new ConsumerInfo("c", 15)));
  }

  @Test
  void savesAndLoadsEveryField() throws IOException {
    MetadataFile file = new MetadataFile(dir);
    assertThat(file.load()).isEmpty();
    List<StreamInfo> streams = List.of(stream("a"), stream("b").withStatus(StreamStatus.DELETING));
    file.save(streams);
    assertThat(new MetadataFile(dir).load()).isEqualTo(streams);
  }

  @Test
  void aLeftoverTempFileIsAnUnfinishedSaveAndACorruptFileIsAnError() throws IOException {
    MetadataFile file = new MetadataFile(dir);
    file.save(List.of(stream("a")));
    Files.writeString(dir.resolve(MetadataFile.FILE_NAME + ".tmp"), "{half");
    assertThat(file.load()).hasSize(1);
    assertThat(dir.resolve(MetadataFile.FILE_NAME + ".tmp")).doesNotExist();
    Files.writeString(dir.resolve(MetadataFile.FILE_NAME), "{\"version\":1,\"streams\":[{\"nam");
    assertThatThrownBy(file::load).isInstanceOf(IOException.class).hasMessageContaining("corrupt");
  }

  @Test
  void theIteratorKeyIsMadeOnceAndKept() throws IOException {
    byte[] key = new MetadataFile(dir).iteratorKey();
    assertThat(key).hasSize(ShardIterators.KEY_BYTES);
    assertThat(new MetadataFile(dir).iteratorKey()).isEqualTo(key);
    Files.write(dir.resolve(MetadataFile.KEY_FILE), new byte[3]);
    assertThatThrownBy(() -> new MetadataFile(dir).iteratorKey()).isInstanceOf(IOException.class);
  }
}

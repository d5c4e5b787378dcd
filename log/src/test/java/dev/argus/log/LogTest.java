package dev.argus.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogTest {
  @TempDir Path dir;

  /** What the log should hold: offset to (timestamp, payload). */
  record Expected(long timestampMillis, byte[] payload) {}

  static LogConfig smallConfig(FsyncPolicy fsync) {
    return LogConfig.defaults(fsync, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
        .withMaxSegmentBytes(4096).withIndexIntervalBytes(256);
  }

  static ByteBuffer bytes(int size, Random random) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return ByteBuffer.wrap(b);
  }

  static int randomSize(Random random) {
    return random.nextInt(20) == 0 ? 1024 + random.nextInt(3000) : random.nextInt(300);
  }

  /**
   * Random appends, reads, batch reads, timestamp lookups, reopens and retention against a TreeMap,
   * checked after every step; each seed also draws its own segment size and index interval. Even
   * seeds append with direct I/O from a size they draw (so both ways mix), odd ones all through the
   * page cache.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 1234, 7})
  void agreesWithTreeMapModel(long seed) throws IOException {
    Random random = new Random(seed);
    LogFlusher flusher = LogFlusher.manual();
    LogConfig config = LogConfig.defaults(FsyncPolicy.interval(flusher),
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
        .withMaxSegmentBytes(1024 + random.nextInt(8192))
        .withIndexIntervalBytes(1 + random.nextInt(1024))
        .withMaxSegmentAge(random.nextBoolean() ? LogConfig.NO_SEGMENT_AGE_LIMIT
            : Duration.ofMillis(200 + random.nextInt(2000)))
        .withDirectAppendBytes(seed % 2 == 0 ? random.nextInt(2048) : LogConfig.DIRECT_APPENDS_OFF);
    TreeMap<Long, Expected> model = new TreeMap<>();
    long modelNext = 0;
    long modelFirst = 0;
    long maxTimestamp = Long.MIN_VALUE;
    long clock = 1_000_000;
    Log log = Log.open(dir, config);
    try {
      for (int step = 0; step < 1500; step++) {
        int op = random.nextInt(100);
        if (op < 20) {
          clock += random.nextInt(25) - 5;
          List<ByteBuffer> payloads = new ArrayList<>();
          for (int n = 1 + random.nextInt(random.nextBoolean() ? 3 : 40); n > 0; n--) {
            payloads.add(bytes(randomSize(random), random));
          }
          long first = log.appendAll(clock, payloads);
          assertThat(first).isEqualTo(modelNext);
          maxTimestamp = Math.max(maxTimestamp, clock);
          for (ByteBuffer payload : payloads) {
            byte[] copy = new byte[payload.remaining()];
            payload.duplicate().get(copy);
            model.put(modelNext++, new Expected(maxTimestamp, copy));
          }
        } else if (op < 55) {
          clock += random.nextInt(25) - 5; // sometimes backwards: clamped
          ByteBuffer payload = bytes(randomSize(random), random);
          long offset = log.append(clock, payload);
          assertThat(offset).isEqualTo(modelNext);
          maxTimestamp = Math.max(maxTimestamp, clock);
          byte[] copy = new byte[payload.remaining()];
          payload.duplicate().get(copy);
          model.put(modelNext++, new Expected(maxTimestamp, copy));
        } else if (op < 70) {
          long offset = modelFirst - 2 + random.nextInt((int) (modelNext - modelFirst) + 4);
          checkRead(log, model, modelFirst, modelNext, offset);
        } else if (op < 80) {
          long from = modelFirst + random.nextInt((int) (modelNext - modelFirst) + 2);
          int maxEntries = 1 + random.nextInt(20);
          long maxBytes = random.nextInt(5000);
          assertThat(log.read(from, maxEntries, maxBytes))
              .containsExactlyElementsOf(batch(model, from, maxEntries, maxBytes));
        } else if (op < 88) {
          long ts = clock - 200 + random.nextInt(250);
          Map.Entry<Long, Expected> hit = model.entrySet().stream()
              .filter(e -> e.getValue().timestampMillis() >= ts).findFirst().orElse(null);
          assertThat(log.offsetAtOrAfter(ts)).isEqualTo(hit == null ? modelNext : hit.getKey());
        } else if (op < 93) {
          log.close();
          Log closed = log;
          assertThatThrownBy(() -> closed.read(0)).isInstanceOf(LogClosedException.class);
          log = Log.open(dir, config);
          checkAll(log, model, modelFirst, modelNext);
        } else {
          long cutoff = clock - random.nextInt(400);
          int deleted = log.deleteSegmentsOlderThan(cutoff);
          long first = log.firstOffset();
          assertThat(first).isGreaterThanOrEqualTo(modelFirst).isLessThanOrEqualTo(modelNext);
          assertThat(deleted > 0).isEqualTo(first > modelFirst);
          assertThat(model.headMap(first).values())
              .allMatch(e -> e.timestampMillis() < cutoff);
          if (model.values().stream().allMatch(e -> e.timestampMillis() < cutoff)) {
            assertThat(first).isEqualTo(modelNext);
          }
          model.headMap(first).clear();
          modelFirst = first;
        }
        assertThat(log.firstOffset()).isEqualTo(modelFirst);
        assertThat(log.nextOffset()).isEqualTo(modelNext);
        if (step % 50 == 0) {
          checkAll(log, model, modelFirst, modelNext);
        }
      }
      checkAll(log, model, modelFirst, modelNext);
    } finally {
      log.close();
    }
  }

  static void checkRead(Log log, TreeMap<Long, Expected> model, long first, long next, long offset)
      throws IOException {
    if (offset < first) {
      assertThatThrownBy(() -> log.read(offset)).isInstanceOf(OffsetOutOfRangeException.class);
      assertThatThrownBy(() -> log.read(offset, 5, 5)).isInstanceOf(OffsetOutOfRangeException.class);
    } else if (offset >= next) {
      assertThat(log.read(offset)).isEmpty();
      assertThat(log.timestampOf(offset)).isEmpty();
    } else {
      Expected e = model.get(offset);
      assertThat(log.read(offset)).contains(entry(offset, e));
      assertThat(log.timestampOf(offset)).hasValue(e.timestampMillis());
    }
  }

  static void checkAll(Log log, TreeMap<Long, Expected> model, long first, long next)
      throws IOException {
    assertThat(log.firstOffset()).isEqualTo(first);
    assertThat(log.nextOffset()).isEqualTo(next);
    List<LogEntry> all = new ArrayList<>();
    for (long at = first; at < next; at = all.get(all.size() - 1).offset() + 1) {
      all.addAll(log.read(at, 1000, Long.MAX_VALUE));
    }
    assertThat(all).containsExactlyElementsOf(batch(model, first, Integer.MAX_VALUE, Long.MAX_VALUE));
  }

  static List<LogEntry> batch(TreeMap<Long, Expected> model, long from, int maxEntries,
      long maxBytes) {
    List<LogEntry> out = new ArrayList<>();
    long bytes = 0;
    for (Map.Entry<Long, Expected> e : model.tailMap(from).entrySet()) {
      int size = e.getValue().payload().length;
      if (out.size() >= maxEntries || (!out.isEmpty() && bytes + size > maxBytes)) {
        break;
      }
      out.add(entry(e.getKey(), e.getValue()));
      bytes += size;
    }
    return out;
  }

  static LogEntry entry(long offset, Expected e) {
    return new LogEntry(offset, e.timestampMillis(), ByteBuffer.wrap(e.payload()));
  }

  @Test
  void appendAllPacksBatchesLargerThanItsBufferAndEntriesLargerThanIt() throws IOException {
    Random random = new Random(7);
    List<ByteBuffer> payloads = new ArrayList<>();
    for (int i = 0; i < 300; i++) { // ~600 KiB of small entries: several buffer-fulls
      payloads.add(bytes(random.nextInt(4000), random));
    }
    payloads.add(150, bytes(Log.DEFAULT_WRITE_BUFFER_BYTES + 5, random)); // alone, mid-batch
    payloads.add(bytes(Log.DEFAULT_WRITE_BUFFER_BYTES - EntryFormat.HEADER_BYTES, random)); // exactly full
    ByteBuffer offset = bytes(100, random);
    offset.position(10); // only the remaining bytes are stored
    payloads.add(offset);
    LogFlusher flusher = LogFlusher.manual();
    LogConfig config = LogConfig.defaults(FsyncPolicy.interval(flusher), Clock.systemUTC());
    try (Log log = Log.open(dir, config)) {
      log.append(5, ByteBuffer.allocate(3));
      assertThat(log.appendAll(9, payloads)).isEqualTo(1);
      assertThat(log.nextOffset()).isEqualTo(1 + payloads.size());
      assertThat(offset.position()).isEqualTo(10);
      assertThat(log.durable(payloads.size())).isNotDone();
      flusher.flushAll();
      assertThat(log.durable(payloads.size())).isCompleted();
    }
    try (Log log = Log.open(dir, config)) { // recovery scans what was packed
      for (int i = 0; i < payloads.size(); i++) {
        LogEntry entry = log.read(1 + i).orElseThrow();
        assertThat(entry.timestampMillis()).isEqualTo(9);
        assertThat(entry.payload()).isEqualTo(payloads.get(i));
      }
    }
  }

  @Test
  void appendAllChecksEverySizeBeforeWritingAndRefusesEmptyBatches() throws IOException {
    try (Log log = Log.open(dir, smallConfig(FsyncPolicy.everyWrite()).withMaxEntryBytes(100))) {
      assertThatThrownBy(() -> log.appendAll(1, List.of(ByteBuffer.allocate(5), ByteBuffer.allocate(101))))
          .isInstanceOf(EntryTooLargeException.class);
      assertThatThrownBy(() -> log.appendAll(1, List.of())).isInstanceOf(IllegalArgumentException.class);
      assertThat(log.nextOffset()).isZero();
      assertThat(log.appendAll(1, List.of(ByteBuffer.allocate(5), ByteBuffer.allocate(100)))).isZero();
      assertThat(log.durable(1)).isCompleted(); // every write: one force covers the batch
      assertThat(log.forces()).isEqualTo(1);
    }
  }

  @Test
  void appendAllRollsInsideABatchAtTheSegmentSize() throws IOException {
    try (Log log = Log.open(dir, smallConfig(FsyncPolicy.everyWrite()))) { // 4 KiB segments
      List<ByteBuffer> payloads = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        payloads.add(ByteBuffer.allocate(1000 - EntryFormat.HEADER_BYTES));
      }
      log.appendAll(1, payloads);
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")).sorted())
            .containsExactly("00000000000000000000.log", "00000000000000000004.log",
                "00000000000000000008.log");
      }
      assertThat(log.read(0, 100, 1 << 20)).hasSize(10);
    }
  }

  @Test
  void newLogIsEmptyAndStartsAtZero() throws IOException {
    try (Log log = Log.open(dir, smallConfig(FsyncPolicy.everyWrite()))) {
      assertThat(log.firstOffset()).isZero();
      assertThat(log.nextOffset()).isZero();
      assertThat(log.read(0)).isEmpty();
      assertThat(log.read(0, 10, 100)).isEmpty();
      assertThat(log.offsetAtOrAfter(0)).isZero();
      assertThat(log.append(5, ByteBuffer.allocate(0))).isZero();
      assertThat(log.read(0).orElseThrow().payload().remaining()).isZero();
    }
    assertThat(dir.resolve("00000000000000000000.log")).exists();
  }

  @Test
  void rollsBySizeAndNamesSegmentsByBaseOffset() throws IOException {
    try (Log log = Log.open(dir, smallConfig(FsyncPolicy.everyWrite()))) {
      for (int i = 0; i < 10; i++) {
        log.append(i, ByteBuffer.allocate(1000));
      }
    }
    // 1024 bytes per entry, 4096 per segment: four entries per segment.
    assertThat(dir.resolve("00000000000000000004.log")).exists();
    assertThat(dir.resolve("00000000000000000008.log")).exists();
    assertThat(Files.size(dir.resolve("00000000000000000000.log"))).isEqualTo(4 * 1024);
  }

  @Test
  void rollsByAgeOfTheFirstEntry() throws IOException {
    LogConfig config = smallConfig(FsyncPolicy.everyWrite()).withMaxSegmentAge(Duration.ofMillis(100));
    try (Log log = Log.open(dir, config)) {
      log.append(1000, ByteBuffer.allocate(1));
      log.append(1099, ByteBuffer.allocate(1));
      log.append(1100, ByteBuffer.allocate(1));
    }
    assertThat(dir.resolve("00000000000000000002.log")).exists();
  }

  @Test
  void clampsTimestampsThatGoBackwards() throws IOException {
    try (Log log = Log.open(dir, smallConfig(FsyncPolicy.everyWrite()))) {
      log.append(100, ByteBuffer.allocate(1));
      log.append(50, ByteBuffer.allocate(1));
      assertThat(log.read(1).orElseThrow().timestampMillis()).isEqualTo(100);
    }
    try (Log log = Log.open(dir, smallConfig(FsyncPolicy.everyWrite()))) {
      log.append(60, ByteBuffer.allocate(1)); // the floor survives a reopen
      assertThat(log.timestampOf(2)).hasValue(100);
    }
  }

  @Test
  void rejectsEntriesAboveTheLimitWithoutWriting() throws IOException {
    try (Log log = Log.open(dir, smallConfig(FsyncPolicy.everyWrite()).withMaxEntryBytes(10))) {
      assertThatThrownBy(() -> log.append(0, ByteBuffer.allocate(11)))
          .isInstanceOf(EntryTooLargeException.class);
      assertThat(log.append(0, ByteBuffer.allocate(10))).isZero();
    }
    assertThat(LogConfig.defaults(FsyncPolicy.everyWrite(), Clock.systemUTC()).maxEntryBytes())
        .isEqualTo(LogConfig.DEFAULT_MAX_ENTRY_BYTES);
  }

  @Test
  void payloadsStayValidAfterRetentionAndCloseAndAreReadOnly() throws IOException {
    LogEntry kept;
    try (Log log = Log.open(dir, smallConfig(FsyncPolicy.everyWrite()))) {
      log.append(1, ByteBuffer.wrap(new byte[] {1, 2, 3}));
      kept = log.read(0).orElseThrow();
      assertThat(log.deleteSegmentsOlderThan(10)).isEqualTo(1);
      assertThat(log.firstOffset()).isEqualTo(1);
      assertThatThrownBy(() -> log.read(0)).isInstanceOf(OffsetOutOfRangeException.class);
    }
    assertThat(kept.payloadBytes()).containsExactly(1, 2, 3);
    assertThat(kept.payload().isReadOnly()).isTrue();
  }

  /**
   * The direct appender, with its second file descriptor and its block buffer, opens with the first
   * append large enough to use it, not with the segment: most shards only ever take small batches.
   * Counted in /proc/self/fd (Linux), where the temporary directory takes direct I/O.
   */
  @Test
  void aSegmentOpensItsDirectDescriptorOnlyForItsFirstLargeAppend() throws IOException {
    Path fds = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(fds) && DirectIo.supportedIn(dir), "needs /proc and direct I/O");
    try (Log log = Log.open(dir, smallConfig(FsyncPolicy.everyWrite()).withMaxSegmentBytes(1 << 20)
        .withDirectAppendBytes(8192))) {
      Path segment = dir.resolve("00000000000000000000.log").toRealPath();
      log.append(0, ByteBuffer.allocate(100));
      assertThat(descriptorsOf(fds, segment)).isEqualTo(1);
      log.append(0, ByteBuffer.allocate(10_000));
      assertThat(descriptorsOf(fds, segment)).isEqualTo(2);
      assertThat(log.read(0, 10, Long.MAX_VALUE)).hasSize(2);
    }
  }

  private static long descriptorsOf(Path fds, Path file) throws IOException {
    long count = 0;
    try (var links = Files.list(fds)) {
      for (Path link : (Iterable<Path>) links::iterator) {
        try {
          if (Files.readSymbolicLink(link).equals(file)) {
            count++;
          }
        } catch (IOException closedMeanwhile) {
          // the listing's own descriptor, or one another thread closed
        }
      }
    }
    return count;
  }

  /** With a reaper, retention moves the dropped segments' files into its trash, which it then empties. */
  @Test
  void retentionHandsDroppedSegmentsToTheReaper() throws Exception {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(10_000), ZoneOffset.UTC);
    Path logDir = dir.resolve("log");
    Path trash = dir.resolve("trash");
    try (FileReaper reaper = FileReaper.start(trash, 1L << 40, "test-reaper")) {
      LogConfig config = LogConfig.defaults(FsyncPolicy.everyWrite(), clock).withMaxSegmentBytes(2048).withReaper(reaper);
      try (Log log = Log.open(logDir, config)) {
        for (int i = 0; i < 10; i++) {
          log.append(i * 1000L, ByteBuffer.allocate(1000)); // two entries per segment
        }
        assertThat(log.applyRetention(Duration.ofMillis(5500))).isEqualTo(2);
        for (String name : List.of("00000000000000000000", "00000000000000000002")) {
          assertThat(logDir.resolve(name + ".log")).doesNotExist();
          assertThat(logDir.resolve(name + ".index")).doesNotExist();
        }
        assertThat(reaper.awaitEmpty(30, TimeUnit.SECONDS)).isTrue();
        assertThat(trash).isEmptyDirectory();
        assertThat(log.read(4, 100, Long.MAX_VALUE)).hasSize(6);
      }
      try (Log log = Log.open(logDir, config)) {
        assertThat(log.firstOffset()).isEqualTo(4);
        assertThat(log.nextOffset()).isEqualTo(10);
      }
    }
  }

  @Test
  void retentionUsesTheInjectedClockAndKeepsUnexpiredData() throws IOException {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(10_000), ZoneOffset.UTC);
    LogConfig config = LogConfig.defaults(FsyncPolicy.everyWrite(), clock)
        .withMaxSegmentBytes(2048);
    try (Log log = Log.open(dir, config)) {
      for (int i = 0; i < 10; i++) {
        log.append(i * 1000L, ByteBuffer.allocate(1000)); // two entries per segment
      }
      // Cutoff 10000 - 5500 = 4500: segments [0,1], [2,3] go; [4,5] holds 5000 and stays.
      assertThat(log.applyRetention(Duration.ofMillis(5500))).isEqualTo(2);
      assertThat(log.firstOffset()).isEqualTo(4);
      assertThat(log.offsetAtOrAfter(0)).isEqualTo(4);
      assertThat(log.applyRetention(Duration.ofMillis(5500))).isZero();
    }
    assertThat(dir.resolve("00000000000000000000.log")).doesNotExist();
    assertThat(dir.resolve("00000000000000000000.index")).doesNotExist();
    try (Log log = Log.open(dir, config)) {
      assertThat(log.firstOffset()).isEqualTo(4);
      assertThat(log.nextOffset()).isEqualTo(10);
    }
  }

  @Test
  void deleteAllRemovesTheDirectory() throws IOException {
    Path logDir = dir.resolve("stream");
    try (Log log = Log.open(logDir, smallConfig(FsyncPolicy.everyWrite()))) {
      log.append(1, ByteBuffer.allocate(5000));
      log.append(1, ByteBuffer.allocate(5000));
    }
    Log.deleteAll(logDir);
    assertThat(logDir).doesNotExist();
    Log.deleteAll(logDir); // absent is fine
  }

  @Test
  void oneWriterPerDirectory() throws IOException {
    try (Log log = Log.open(dir, smallConfig(FsyncPolicy.everyWrite()))) {
      assertThatThrownBy(() -> Log.open(dir, smallConfig(FsyncPolicy.everyWrite())))
          .isInstanceOf(LogLockedException.class);
      assertThat(log.append(1, ByteBuffer.allocate(1))).isZero();
    }
    Log.open(dir, smallConfig(FsyncPolicy.everyWrite())).close(); // the lock is released
  }

  @Test
  void closedLogRefusesWork() throws IOException {
    Log log = Log.open(dir, smallConfig(FsyncPolicy.everyWrite()));
    log.append(1, ByteBuffer.allocate(1));
    log.close();
    log.close();
    assertThatThrownBy(() -> log.append(1, ByteBuffer.allocate(1)))
        .isInstanceOf(LogClosedException.class);
    assertThatThrownBy(() -> log.read(0, 1, 1)).isInstanceOf(LogClosedException.class);
    assertThatThrownBy(() -> log.offsetAtOrAfter(0)).isInstanceOf(LogClosedException.class);
    assertThat(log.durable(0)).isCompleted();
  }

  @Test
  void overlappingWritersAreRefused() throws Exception {
    try (Log log = Log.open(dir, smallConfig(FsyncPolicy.everyWrite()))) {
      AtomicReference<Throwable> seen = new AtomicReference<>();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread thread = new Thread(() -> {
          for (int i = 0; i < 200; i++) {
            try {
              log.append(i, ByteBuffer.allocate(10));
            } catch (ConcurrentModificationException e) {
              // expected: the loser writes nothing
            } catch (IOException | RuntimeException e) {
              seen.set(e);
              return;
            }
          }
        });
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertThat(seen.get()).isNull();
      // Whatever won, the log is dense and intact.
      List<LogEntry> all = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE);
      assertThat(all).hasSize((int) log.nextOffset());
    }
  }

  @Test
  void readersRunAlongsideTheWriterAndSeeOnlyWholeEntries() throws Exception {
    LogFlusher flusher = LogFlusher.manual();
    try (Log log = Log.open(dir, smallConfig(FsyncPolicy.interval(flusher)))) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread reader = new Thread(() -> {
        try {
          long at = 0;
          while (at < 3000) {
            for (LogEntry e : log.read(at, 50, 100_000)) {
              assertThat(e.offset()).isEqualTo(at);
              assertThat(e.payloadBytes()).isEqualTo(content(at));
              at++;
            }
          }
        } catch (Throwable t) {
          failure.set(t);
        }
      });
      reader.start();
      for (long i = 0; i < 3000; i++) {
        log.append(i, ByteBuffer.wrap(content(i)));
      }
      reader.join(30_000);
      assertThat(failure.get()).isNull();
      assertThat(reader.isAlive()).isFalse();
    }
  }

  /** Retention and a 1 ms flusher run against the writer while a reader chases the first offset. */
  @Test
  void readersRacingRetentionAndTheFlusherSeeOnlyValidEntriesOrOutOfRange() throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<java.util.concurrent.CompletableFuture<Void>> futures = new ArrayList<>();
    try (LogFlusher flusher = LogFlusher.start(Duration.ofMillis(1), "race-flusher");
        Log log = Log.open(dir, smallConfig(FsyncPolicy.interval(flusher))
            .withMaxSegmentBytes(2048))) {
      java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
      Thread reader = new Thread(() -> {
        while (!done.get()) {
          long at = log.firstOffset();
          try {
            for (LogEntry e : log.read(at, 20, 10_000)) {
              assertThat(e.payloadBytes()).isEqualTo(content(e.offset()));
            }
            log.offsetAtOrAfter(at);
          } catch (OffsetOutOfRangeException expected) {
            // retention got there first
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          }
        }
      });
      reader.start();
      for (long i = 0; i < 1500; i++) {
        futures.add(log.durable(log.append(i, ByteBuffer.wrap(content(i)))));
        if (i % 50 == 0) {
          log.deleteSegmentsOlderThan(i - 200);
        }
      }
      done.set(true);
      reader.join(30_000);
      assertThat(log.firstOffset()).isPositive();
    }
    assertThat(failure.get()).isNull();
    assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
  }

  /** A roll that cannot create its file fails the log: pending futures fail, appends stop. */
  @Test
  void aWriteFailureFailsTheLogUntilReopened() throws IOException {
    LogFlusher flusher = LogFlusher.manual();
    LogConfig config = smallConfig(FsyncPolicy.interval(flusher));
    Path blocker = dir.resolve(Segment.fileName(4, Segment.LOG_SUFFIX));
    Log log = Log.open(dir, config);
    java.util.concurrent.CompletableFuture<Void> pending = null;
    for (int i = 0; i < 4; i++) {
      pending = log.durable(log.append(i, ByteBuffer.allocate(1000)));
    }
    Files.createDirectory(blocker); // the next roll's segment file cannot be created
    assertThatThrownBy(() -> log.append(9, ByteBuffer.allocate(1000))).isInstanceOf(IOException.class);
    assertThat(pending).isCompletedExceptionally();
    assertThatThrownBy(() -> log.append(9, ByteBuffer.allocate(1)))
        .isInstanceOf(LogClosedException.class);
    assertThat(log.nextOffset()).isEqualTo(4);
    assertThat(log.read(3)).isPresent(); // reads still work
    log.close(); // releases without rethrowing the reported failure

    Files.delete(blocker);
    try (Log reopened = Log.open(dir, config)) {
      assertThat(reopened.nextOffset()).isEqualTo(4);
      assertThat(reopened.append(9, ByteBuffer.allocate(1000))).isEqualTo(4);
    }
  }

  static byte[] content(long offset) {
    byte[] b = new byte[(int) (offset % 97) * 7];
    Arrays.fill(b, (byte) offset);
    return b;
  }
}

package dev.helpdesk.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import com.google.common.io.ByteStreams;
import dev.helpdesk.spi.AttachmentStore;
import dev.helpdesk.ticket.AttachmentRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JdbcAttachmentStoreIT {
  private static final long MIB = 1024 * 1024;

  /** One fresh database per kind for this class, created on first use. */
  private static final Map<TestDatabases.Kind, DataSource> DATABASES =
      new EnumMap<>(TestDatabases.Kind.class);

  @TempDir Path spoolDir;

  private static synchronized DataSource database(TestDatabases.Kind kind) {
    return DATABASES.computeIfAbsent(kind, TestDatabases.Kind::fresh);
  }

  private AttachmentStore store(TestDatabases.Kind kind, long limit) {
    return JdbcStore.builder(database(kind))
        .attachmentLimit(limit)
        .tempDirectory(spoolDir)
        .build()
        .attachmentStore();
  }

  private static int rows(TestDatabases.Kind kind, String table, String sha256) {
    return Jdbi.create(database(kind))
        .withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE sha256 = :sha")
                    .bind("sha", sha256)
                    .mapTo(Integer.class)
                    .one());
  }

  private static byte[] read(Optional<InputStream> stream) throws IOException {
    assertThat(stream).isPresent();
    try (InputStream in = stream.get()) {
      return ByteStreams.toByteArray(in);
    }
  }

  private List<Path> spoolFiles() throws IOException {
    try (Stream<Path> files = Files.list(spoolDir)) {
      return files.toList();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void put_thenOpen_returnsTheSameBytesAndMetadata(TestDatabases.Kind kind) throws IOException {
    AttachmentStore store = store(kind, MIB);
    byte[] bytes = ("Rechnung für " + kind + " – ✓").getBytes(UTF_8);

    AttachmentRef ref = store.put("rechnung-ü.txt", "text/plain", new ByteArrayInputStream(bytes));

    assertThat(ref)
        .isEqualTo(
            new AttachmentRef(
                Hashing.sha256().hashBytes(bytes).toString(),
                "rechnung-ü.txt",
                "text/plain",
                bytes.length));
    assertThat(read(store.open(ref.sha256()))).isEqualTo(bytes);
    assertThat(spoolFiles()).as("spool files left behind").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void put_sameBytesTwice_storesThemOnce(TestDatabases.Kind kind) throws IOException {
    AttachmentStore store = store(kind, 4 * MIB);
    byte[] bytes = randomBytes(kind.ordinal(), (int) (2 * MIB + 17));

    AttachmentRef first =
        store.put("a.bin", "application/octet-stream", new ByteArrayInputStream(bytes));
    AttachmentRef second = store.put("b.bin", "image/png", new ByteArrayInputStream(bytes));

    assertThat(second.sha256()).isEqualTo(first.sha256());
    assertThat(second.filename()).isEqualTo("b.bin");
    assertThat(rows(kind, "attachments", first.sha256())).isEqualTo(1);
    assertThat(rows(kind, "attachment_chunks", first.sha256())).isEqualTo(3);
    assertThat(read(store.open(first.sha256()))).isEqualTo(bytes);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void put_emptyStream_storesAnEmptyAttachment(TestDatabases.Kind kind) throws IOException {
    AttachmentStore store = store(kind, MIB);

    AttachmentRef ref = store.put("empty.txt", "text/plain", InputStream.nullInputStream());

    assertThat(ref.size()).isZero();
    assertThat(ref.sha256()).isEqualTo(Hashing.sha256().hashBytes(new byte[0]).toString());
    assertThat(read(store.open(ref.sha256()))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void put_streamOverTheLimit_failsNamingTheLimitAndKeepsNothing(TestDatabases.Kind kind)
      throws IOException {
    AttachmentStore store = store(kind, 1000);
    byte[] tooBig = randomBytes(99 + kind.ordinal(), 1001);
    String sha256 = Hashing.sha256().hashBytes(tooBig).toString();

    assertThatThrownBy(
            () ->
                store.put("big.bin", "application/octet-stream", new ByteArrayInputStream(tooBig)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size limit of 1000 bytes");
    assertThat(rows(kind, "attachments", sha256)).isZero();
    assertThat(spoolFiles()).isEmpty();
    AttachmentRef exactlyAtLimit =
        store.put("ok.bin", "application/octet-stream", new ByteArrayInputStream(tooBig, 0, 1000));
    assertThat(exactlyAtLimit.size()).isEqualTo(1000);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void put_30MegabyteStream_roundTripsThroughTheDatabase(TestDatabases.Kind kind)
      throws IOException {
    AttachmentStore store = store(kind, 64 * MIB);
    long size = 30 * MIB + 5;
    GeneratedStream generated = new GeneratedStream(7 + kind.ordinal(), size);

    AttachmentRef ref = store.put("video.mp4", "video/mp4", generated);

    assertThat(ref.size()).isEqualTo(size);
    assertThat(ref.sha256()).isEqualTo(generated.sha256());
    Hasher readBack = Hashing.sha256().newHasher();
    long count = 0;
    try (InputStream in = store.open(ref.sha256()).orElseThrow()) {
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
        readBack.putBytes(buffer, 0, n);
        count += n;
      }
      assertThat(spoolFiles()).as("spooled while open").hasSize(1);
    }
    assertThat(count).isEqualTo(size);
    assertThat(readBack.hash().toString()).isEqualTo(ref.sha256());
    assertThat(spoolFiles()).as("spool file deleted on close").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void put_aroundOneChunk_roundTripsInAsManyChunksAndOnlyMoreThanOneIsSpooled(
      TestDatabases.Kind kind) throws IOException {
    AttachmentStore store = store(kind, 4 * MIB);
    int chunk = ChunkedContent.CHUNK_BYTES;
    for (int size : new int[] {chunk - 1, chunk, chunk + 1}) {
      byte[] bytes = randomBytes(size + kind.ordinal(), size);

      AttachmentRef ref =
          store.put("edge.bin", "application/octet-stream", new ByteArrayInputStream(bytes));

      assertThat(ref.sha256()).isEqualTo(Hashing.sha256().hashBytes(bytes).toString());
      assertThat(rows(kind, "attachment_chunks", ref.sha256()))
          .as("chunks of %s bytes", size)
          .isEqualTo(size > chunk ? 2 : 1);
      try (InputStream in = store.open(ref.sha256()).orElseThrow()) {
        assertThat(spoolFiles())
            .as("spool files while %s bytes are open", size)
            .hasSize(size > chunk ? 1 : 0);
        assertThat(ByteStreams.toByteArray(in)).isEqualTo(bytes);
      }
      assertThat(spoolFiles()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void put_sameBytesFromFourNodesAtOnce_allSucceedAndOneCopyIsKept(TestDatabases.Kind kind)
      throws Exception {
    byte[] bytes = randomBytes(1234 + kind.ordinal(), (int) (3 * MIB));
    int nodes = 4;
    CyclicBarrier start = new CyclicBarrier(nodes);
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    List<AttachmentRef> refs = new ArrayList<>();
    try {
      List<Future<AttachmentRef>> results = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        AttachmentStore node = store(kind, 4 * MIB);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return node.put(
                      "same.bin", "application/octet-stream", new ByteArrayInputStream(bytes));
                }));
      }
      for (Future<AttachmentRef> f : results) {
        refs.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(refs).hasSize(nodes).allMatch(r -> r.equals(refs.get(0)));
    assertThat(rows(kind, "attachments", refs.get(0).sha256())).isEqualTo(1);
    assertThat(rows(kind, "attachment_chunks", refs.get(0).sha256())).isEqualTo(3);
    assertThat(read(store(kind, MIB).open(refs.get(0).sha256()))).isEqualTo(bytes);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void open_unknownSha256_isEmpty(TestDatabases.Kind kind) throws IOException {
    assertThat(store(kind, MIB).open("0".repeat(64))).isEmpty();
    assertThat(spoolFiles()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void open_malformedSha256_isRejected(TestDatabases.Kind kind) {
    AttachmentStore store = store(kind, MIB);

    assertThatThrownBy(() -> store.open("ABC"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ABC'");
  }

  private static byte[] randomBytes(long seed, int size) {
    byte[] bytes = new byte[size];
    new SplittableRandom(seed).nextBytes(bytes);
    return bytes;
  }

  /** Pseudo-random bytes produced on demand and hashed as read, never held in memory at once. */
  private static final class GeneratedStream extends InputStream {
    private final SplittableRandom random;
    private final Hasher hasher = Hashing.sha256().newHasher();
    private long remaining;

    GeneratedStream(long seed, long size) {
      this.random = new SplittableRandom(seed);
      this.remaining = size;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining == 0) {
        return -1;
      }
      int n = (int) Math.min(len, Math.min(remaining, 8192));
      byte[] chunk = new byte[n];
      random.nextBytes(chunk);
      System.arraycopy(chunk, 0, b, off, n);
      hasher.putBytes(chunk);
      remaining -= n;
      return n;
    }

    String sha256() {
      return hasher.hash().toString();
    }
  }
}

package dev.helpdesk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.hash.Hashing;
import dev.helpdesk.spi.ArchivedMail;
import dev.helpdesk.spi.ArchivedMail.Status;
import dev.helpdesk.spi.MailArchive;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MailArchive} must have, so that a desk loses and duplicates no mail
 * whichever archive it runs on. An adapter's test implements {@link #newArchive()} (a fresh, empty
 * archive each call) and inherits every test; the in-memory archive and the JDBC archive on H2,
 * PostgreSQL and MariaDB all run it.
 */
public interface MailArchiveContract {

  /** A fresh, empty archive. */
  MailArchive newArchive();

  /** Microsecond precision on purpose: the finest every archive keeps. */
  Instant T0 = Instant.parse("2026-11-23T09:00:00.123456Z");

  private static String sha(int n) {
    return String.format("%064x", n);
  }

  private static ArchivedMail mail(String key, Instant at) {
    return ArchivedMail.received(key, sha(key.hashCode() & 0xffff), 100, "smtp", at);
  }

  /** A small raw message, different for each text. */
  private static byte[] rawOf(String text) {
    return ("Message-ID: <" + text + "@example.com>\r\n\r\nAbout " + text + ".\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A record announcing exactly {@code raw}. */
  private static ArchivedMail received(String key, byte[] raw, Instant at) {
    return ArchivedMail.received(
        key, Hashing.sha256().hashBytes(raw).toString(), raw.length, "smtp", at);
  }

  private static MailArchive.RawMessage bytes(byte[] raw) {
    return () -> new ByteArrayInputStream(raw);
  }

  /** Raw bytes the archive must not read, because it has them or stores nothing. */
  private static MailArchive.RawMessage unread() {
    return () -> {
      throw new AssertionError("the archive read raw bytes it did not need");
    };
  }

  private static byte[] readRaw(MailArchive archive, String key) {
    try (InputStream in = archive.openRaw(key).orElseThrow()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The statuses a desk retries processing from. */
  private static Set<Status> retryable() {
    return EnumSet.of(Status.RECEIVED, Status.QUARANTINED);
  }

  @Test
  default void receive_newKey_storesTheRecordWithEveryField() {
    MailArchive archive = newArchive();
    ArchivedMail mail =
        new ArchivedMail(
            "<m1@example.com>",
            sha(1),
            12_345_678_901L,
            "imap:support",
            T0,
            Status.QUARANTINED,
            "no parsable sender",
            T0.plusSeconds(3).plusNanos(654_321_000));

    assertThat(archive.receive(mail)).isEqualTo(mail);
    assertThat(archive.find("<m1@example.com>")).contains(mail);
    assertThat(archive.find("<other@example.com>")).isEmpty();
  }

  @Test
  default void receive_existingKey_returnsTheEarlierRecordUnchanged() {
    MailArchive archive = newArchive();
    ArchivedMail first = ArchivedMail.received("k1", sha(1), 10, "pipe", T0);
    archive.receive(first);
    ArchivedMail second =
        new ArchivedMail(
            "k1", sha(2), 20, "smtp", T0.plusSeconds(60), Status.IGNORED, "auto-reply", T0);

    assertThat(archive.receive(second)).isEqualTo(first);
    assertThat(archive.find("k1")).contains(first);
  }

  @Test
  default void receive_sameKeyFromEightThreadsAtOnce_storesOneRecordThatAllGet() throws Exception {
    MailArchive archive = newArchive();
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<ArchivedMail>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        ArchivedMail candidate =
            ArchivedMail.received("same", sha(i), i, "node-" + i, T0.plusSeconds(i));
        Callable<ArchivedMail> task =
            () -> {
              start.await();
              return archive.receive(candidate);
            };
        results.add(pool.submit(task));
      }
      List<ArchivedMail> got = new ArrayList<>();
      for (Future<ArchivedMail> f : results) {
        got.add(f.get(2, TimeUnit.MINUTES));
      }
      ArchivedMail stored = archive.find("same").orElseThrow();
      assertThat(got).hasSize(threads).allMatch(stored::equals);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void claim_succeedsOnlyFromTheGivenStatuses() {
    MailArchive archive = newArchive();
    archive.receive(mail("k1", T0));
    Instant now = T0.plusSeconds(1);

    assertThat(archive.claim("k1", EnumSet.of(Status.QUARANTINED), "a", now, now.plusSeconds(60)))
        .isFalse();
    assertThat(archive.claim("k1", Set.of(), "a", now, now.plusSeconds(60))).isFalse();
    assertThat(archive.claim("k1", retryable(), "a", now, now.plusSeconds(60))).isTrue();

    archive.finish("k1", Status.PROCESSED, "ticket HD-1", now.plusSeconds(2));
    assertThat(archive.claim("k1", retryable(), "b", now.plusSeconds(3), now.plusSeconds(60)))
        .isFalse();
    assertThat(
            archive.claim(
                "k1", EnumSet.of(Status.PROCESSED), "b", now.plusSeconds(3), now.plusSeconds(60)))
        .isTrue();
  }

  @Test
  default void claim_anotherOwner_waitsUntilTheLeaseExpires_theOwnerMayRenew() {
    MailArchive archive = newArchive();
    archive.receive(mail("k1", T0));

    assertThat(archive.claim("k1", retryable(), "node-a", T0, T0.plusSeconds(60))).isTrue();
    assertThat(archive.claim("k1", retryable(), "node-b", T0.plusSeconds(59), T0.plusSeconds(120)))
        .isFalse();
    // Renewing pushes the end out, so node-b is still refused where the first lease had ended.
    assertThat(archive.claim("k1", retryable(), "node-a", T0.plusSeconds(30), T0.plusSeconds(90)))
        .isTrue();
    assertThat(archive.claim("k1", retryable(), "node-b", T0.plusSeconds(60), T0.plusSeconds(120)))
        .isFalse();
    // A lease ending at exactly now has ended: the node that held it is presumed dead.
    assertThat(archive.claim("k1", retryable(), "node-b", T0.plusSeconds(90), T0.plusSeconds(150)))
        .isTrue();
    assertThat(archive.claim("k1", retryable(), "node-a", T0.plusSeconds(91), T0.plusSeconds(150)))
        .isFalse();
    assertThat(archive.find("k1").orElseThrow().status()).isEqualTo(Status.RECEIVED);
  }

  @Test
  default void claim_oneKeyFromEightThreadsAtOnce_exactlyOneWins() throws Exception {
    MailArchive archive = newArchive();
    archive.receive(mail("k1", T0));
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String owner = "node-" + i;
        Callable<Boolean> task =
            () -> {
              start.await();
              return archive.claim("k1", retryable(), owner, T0, T0.plusSeconds(60));
            };
        results.add(pool.submit(task));
      }
      int wins = 0;
      for (Future<Boolean> f : results) {
        wins += f.get(2, TimeUnit.MINUTES) ? 1 : 0;
      }
      assertThat(wins).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void receiveClaimed_newKey_storesTheRecordAndItsBytesLeasedToTheOwner() {
    MailArchive archive = newArchive();
    byte[] raw = rawOf("k1");
    ArchivedMail mail = received("k1", raw, T0);

    assertThat(archive.receiveClaimed(mail, bytes(raw), "node-a", T0.plusSeconds(60))).isEmpty();

    assertThat(archive.find("k1")).contains(mail);
    assertThat(readRaw(archive, "k1")).isEqualTo(raw);
    assertThat(archive.claim("k1", retryable(), "node-b", T0.plusSeconds(59), T0.plusSeconds(120)))
        .as("leased to node-a until T0+60s")
        .isFalse();
    assertThat(archive.claim("k1", retryable(), "node-b", T0.plusSeconds(60), T0.plusSeconds(120)))
        .isTrue();
  }

  @Test
  default void receiveClaimed_existingKey_returnsTheEarlierRecordAndClaimsNothing() {
    MailArchive archive = newArchive();
    ArchivedMail first = mail("k1", T0);
    archive.receive(first);

    Optional<ArchivedMail> again =
        archive.receiveClaimed(
            mail("k1", T0.plusSeconds(5)), unread(), "node-a", T0.plusSeconds(60));

    assertThat(again).contains(first);
    assertThat(archive.claim("k1", retryable(), "node-b", T0.plusSeconds(1), T0.plusSeconds(61)))
        .isTrue();
  }

  @Test
  default void receiveClaimed_sameKeyFromEightThreadsAtOnce_exactlyOneStoresAndClaims()
      throws Exception {
    MailArchive archive = newArchive();
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Optional<ArchivedMail>>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String owner = "node-" + i;
        byte[] raw = rawOf("k1 as received by " + owner);
        ArchivedMail mine = received("k1", raw, T0);
        Callable<Optional<ArchivedMail>> task =
            () -> {
              start.await();
              return archive.receiveClaimed(mine, bytes(raw), owner, T0.plusSeconds(60));
            };
        results.add(pool.submit(task));
      }
      int stored = 0;
      for (Future<Optional<ArchivedMail>> f : results) {
        Optional<ArchivedMail> r = f.get(2, TimeUnit.MINUTES);
        stored += r.isEmpty() ? 1 : 0;
        r.ifPresent(earlier -> assertThat(earlier).isEqualTo(archive.find("k1").orElseThrow()));
      }
      assertThat(stored).isEqualTo(1);
      assertThat(Hashing.sha256().hashBytes(readRaw(archive, "k1")).toString())
          .as("the bytes kept are the stored record's")
          .isEqualTo(archive.find("k1").orElseThrow().rawSha256());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void receiveClaimed_badArguments_areRejectedNamingThem() {
    MailArchive archive = newArchive();
    assertThatThrownBy(
            () -> archive.receiveClaimed(mail("k1", T0), unread(), " ", T0.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("owner");
    assertThatThrownBy(() -> archive.receiveClaimed(mail("k1", T0), unread(), "node-a", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("until");
    assertThat(archive.find("k1")).isEmpty();
  }

  @Test
  default void receiveClaimed_bytesOtherThanAnnounced_areRefusedAndNothingIsStored() {
    MailArchive archive = newArchive();
    byte[] raw = rawOf("k1");
    ArchivedMail announced = received("k1", raw, T0);
    byte[] other = rawOf("k2");

    assertThatThrownBy(
            () -> archive.receiveClaimed(announced, bytes(other), "node-a", T0.plusSeconds(60)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not match")
        .hasMessageContaining(announced.rawSha256());
    assertThat(archive.find("k1")).isEmpty();
    assertThat(archive.receiveClaimed(announced, bytes(raw), "node-a", T0.plusSeconds(60)))
        .as("a retry with the right bytes")
        .isEmpty();
    assertThat(readRaw(archive, "k1")).isEqualTo(raw);
  }

  @Test
  default void receiveClaimed_theSameBytesUnderTwoKeys_readsThemOnceAndKeepsThemForBoth() {
    MailArchive archive = newArchive();
    byte[] raw = rawOf("forwarded twice");
    archive.receiveClaimed(received("k1", raw, T0), bytes(raw), "node-a", T0.plusSeconds(60));

    assertThat(
            archive.receiveClaimed(
                received("k2", raw, T0.plusSeconds(1)), unread(), "node-a", T0.plusSeconds(60)))
        .isEmpty();

    assertThat(readRaw(archive, "k1")).isEqualTo(raw);
    assertThat(readRaw(archive, "k2")).isEqualTo(raw);
  }

  @Test
  default void receiveClaimed_aMessageOfSeveralMegabytes_keepsEveryByte() {
    MailArchive archive = newArchive();
    byte[] raw = new byte[3 * 1024 * 1024 + 17];
    new SplittableRandom(7).nextBytes(raw);

    archive.receiveClaimed(received("big", raw, T0), bytes(raw), "node-a", T0.plusSeconds(60));

    assertThat(readRaw(archive, "big")).isEqualTo(raw);
  }

  @Test
  default void openRaw_unknownKeyOrARecordWithoutBytes_isEmpty() {
    MailArchive archive = newArchive();
    archive.receive(mail("k1", T0));

    assertThat(archive.openRaw("k1")).isEmpty();
    assertThat(archive.openRaw("nothing")).isEmpty();
  }

  @Test
  default void finish_recordsTheOutcome_andReleasesTheLease() {
    MailArchive archive = newArchive();
    ArchivedMail received = archive.receive(mail("k1", T0));
    Instant at = T0.plusSeconds(5).plusNanos(1_000);
    assertThat(archive.claim("k1", retryable(), "node-a", T0, T0.plusSeconds(60))).isTrue();

    archive.finish("k1", Status.QUARANTINED, "no sender", at);

    assertThat(archive.find("k1"))
        .contains(
            new ArchivedMail(
                "k1",
                received.rawSha256(),
                received.size(),
                received.source(),
                received.receivedAt(),
                Status.QUARANTINED,
                "no sender",
                at));
    // Released: another node may replay it long before node-a's lease would have ended.
    assertThat(archive.claim("k1", retryable(), "node-b", at, at.plusSeconds(60))).isTrue();
    archive.finish("k1", Status.PROCESSED, "", at.plusSeconds(1));
    assertThat(archive.find("k1").orElseThrow().detail()).isEmpty();
    assertThat(archive.claim("k1", retryable(), "node-c", at.plusSeconds(2), at.plusSeconds(60)))
        .isFalse();
  }

  @Test
  default void finish_detailOfDetailMaxCharacters_roundTrips() {
    MailArchive archive = newArchive();
    archive.receive(mail("k1", T0));
    StringBuilder detail = new StringBuilder();
    while (detail.length() < ArchivedMail.DETAIL_MAX) {
      detail.append("\u00e9\u65e5\u672c \ud83d\ude00x"); // é, 日本, an emoji
    }
    detail.setLength(ArchivedMail.DETAIL_MAX);
    if (Character.isHighSurrogate(detail.charAt(detail.length() - 1))) {
      detail.setCharAt(detail.length() - 1, 'z'); // a cut pair would not be valid text
    }
    String full = detail.toString();

    archive.finish("k1", Status.QUARANTINED, full, T0.plusSeconds(1));

    assertThat(archive.find("k1").orElseThrow().detail()).isEqualTo(full);
    assertThatThrownBy(() -> archive.finish("k1", Status.QUARANTINED, full + "x", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("detail");
    assertThat(archive.find("k1").orElseThrow().detail()).isEqualTo(full);
  }

  @Test
  default void list_filtersByStatus_ordersByArrivalThenKey_andPagesWithoutGapsOrRepeats() {
    MailArchive archive = newArchive();
    List<ArchivedMail> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      // Received out of order, and three at each instant, so that the key decides among them.
      int n = (i * 7) % 25;
      ArchivedMail m = mail(String.format("k%02d", n), T0.plusSeconds(n / 3));
      archive.receive(m);
      archive.receive(mail(String.format("done%02d", n), T0.plusSeconds(n / 3)));
      archive.finish(String.format("done%02d", n), Status.PROCESSED, "", T0);
    }
    for (int n = 0; n < 25; n++) {
      expected.add(archive.find(String.format("k%02d", n)).orElseThrow());
    }

    List<ArchivedMail> paged = new ArrayList<>();
    Optional<ArchivedMail> after = Optional.empty();
    List<Integer> sizes = new ArrayList<>();
    for (int guard = 0; guard < 10; guard++) {
      List<ArchivedMail> page = archive.list(Status.RECEIVED, after, 10);
      sizes.add(page.size());
      if (page.isEmpty()) {
        break;
      }
      paged.addAll(page);
      after = Optional.of(page.get(page.size() - 1));
    }

    assertThat(paged).containsExactlyElementsOf(expected);
    assertThat(sizes).containsExactly(10, 10, 5, 0);
    assertThat(archive.list(Status.PROCESSED, Optional.empty(), 100))
        .hasSize(25)
        .allMatch(m -> m.key().startsWith("done"));
    assertThat(archive.list(Status.IGNORED, Optional.empty(), 100)).isEmpty();
    assertThat(archive.list(Status.RECEIVED, Optional.empty(), 1)).containsExactly(expected.get(0));
  }

  @Test
  default void list_afterARecordOfAnotherStatus_startsAtItsPlace() {
    MailArchive archive = newArchive();
    archive.receive(mail("a", T0));
    archive.receive(mail("b", T0.plusSeconds(1)));
    ArchivedMail c = archive.receive(mail("c", T0.plusSeconds(2)));
    archive.finish("b", Status.IGNORED, "auto-reply", T0.plusSeconds(3));
    ArchivedMail b = archive.find("b").orElseThrow();

    assertThat(archive.list(Status.RECEIVED, Optional.of(b), 10)).containsExactly(c);
  }

  @Test
  default void claimAndFinish_unknownKey_areRejectedNamingIt() {
    MailArchive archive = newArchive();
    archive.receive(mail("known", T0));

    assertThatThrownBy(() -> archive.claim("no-such-key", retryable(), "a", T0, T0.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-key");
    assertThatThrownBy(() -> archive.claim("no-such-key", Set.of(), "a", T0, T0.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-key");
    assertThatThrownBy(() -> archive.finish("no-such-key", Status.PROCESSED, "", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-key");
    assertThat(archive.find("no-such-key")).isEmpty();
  }

  @Test
  default void badArguments_areRejectedNamingThem() {
    MailArchive archive = newArchive();
    archive.receive(mail("k1", T0));
    Instant later = T0.plusSeconds(1);

    assertNamed(NullPointerException.class, "mail", () -> archive.receive(null));
    assertNamed(NullPointerException.class, "key", () -> archive.find(null));
    assertNamed(
        NullPointerException.class, "key", () -> archive.claim(null, retryable(), "a", T0, later));
    assertNamed(
        NullPointerException.class, "from", () -> archive.claim("k1", null, "a", T0, later));
    assertNamed(
        NullPointerException.class,
        "owner",
        () -> archive.claim("k1", retryable(), null, T0, later));
    assertNamed(
        IllegalArgumentException.class,
        "owner",
        () -> archive.claim("k1", retryable(), " ", T0, later));
    assertNamed(
        IllegalArgumentException.class,
        "owner",
        () -> archive.claim("k1", retryable(), "a".repeat(201), T0, later));
    assertNamed(
        NullPointerException.class,
        "now",
        () -> archive.claim("k1", retryable(), "a", null, later));
    assertNamed(
        NullPointerException.class, "until", () -> archive.claim("k1", retryable(), "a", T0, null));
    assertNamed(
        IllegalArgumentException.class,
        "until",
        () -> archive.claim("k1", retryable(), "a", T0, T0));
    assertNamed(
        IllegalArgumentException.class,
        "until",
        () -> archive.claim("k1", retryable(), "a", later, T0));
    assertNamed(
        NullPointerException.class, "key", () -> archive.finish(null, Status.PROCESSED, "", T0));
    assertNamed(NullPointerException.class, "status", () -> archive.finish("k1", null, "", T0));
    assertNamed(
        NullPointerException.class,
        "detail",
        () -> archive.finish("k1", Status.PROCESSED, null, T0));
    assertNamed(
        NullPointerException.class, "at", () -> archive.finish("k1", Status.PROCESSED, "", null));
    assertNamed(
        NullPointerException.class, "status", () -> archive.list(null, Optional.empty(), 10));
    assertNamed(NullPointerException.class, "after", () -> archive.list(Status.RECEIVED, null, 10));
    assertNamed(
        IllegalArgumentException.class,
        "limit",
        () -> archive.list(Status.RECEIVED, Optional.empty(), 0));
    // None of the refused calls changed anything.
    assertThat(archive.find("k1")).contains(mail("k1", T0));
    assertThat(archive.claim("k1", retryable(), "a", T0, later)).isTrue();
  }

  /** Asserts that {@code call} fails naming {@code name} as a word, as a {@code type}. */
  private static void assertNamed(
      Class<? extends Throwable> type, String name, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(type).hasMessageMatching("(?s).*\\b" + name + "\\b.*");
  }
}

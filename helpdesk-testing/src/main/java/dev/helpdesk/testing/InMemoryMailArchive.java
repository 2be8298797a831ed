package dev.helpdesk.testing;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.hash.Hashing;
import dev.helpdesk.spi.ArchivedMail;
import dev.helpdesk.spi.MailArchive;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A mail archive in memory, for tests and demos; it passes {@link MailArchiveContract}. */
public final class InMemoryMailArchive implements MailArchive {
  private static final Comparator<ArchivedMail> ARRIVAL =
      Comparator.comparing(ArchivedMail::receivedAt).thenComparing(ArchivedMail::key);

  /** As long as the JDBC archive's column, so that both refuse the same owners. */
  private static final int OWNER_MAX = 200;

  private final Map<String, ArchivedMail> mails = new HashMap<>();
  private final Map<String, Lease> leases = new HashMap<>();
  private final Map<String, byte[]> raws = new HashMap<>();

  private record Lease(String owner, Instant until) {}

  @Override
  public synchronized ArchivedMail receive(ArchivedMail mail) {
    requireNonNull(mail, "mail must not be null");
    return mails.computeIfAbsent(mail.key(), k -> mail);
  }

  @Override
  public synchronized Optional<ArchivedMail> receiveClaimed(
      ArchivedMail mail, RawMessage raw, String owner, Instant until) {
    requireNonNull(mail, "mail must not be null");
    requireNonNull(raw, "raw must not be null");
    checkOwner(owner);
    requireNonNull(until, "until must not be null");
    checkArgument(
        until.isAfter(mail.receivedAt()),
        "until must be after receivedAt (%s), got %s",
        mail.receivedAt(),
        until);
    ArchivedMail earlier = mails.get(mail.key());
    if (earlier != null) {
      return Optional.of(earlier);
    }
    if (!raws.containsKey(mail.rawSha256())) {
      raws.put(mail.rawSha256(), read(mail, raw));
    }
    mails.put(mail.key(), mail);
    leases.put(mail.key(), new Lease(owner, until));
    return Optional.empty();
  }

  private static byte[] read(ArchivedMail mail, RawMessage raw) {
    byte[] bytes;
    try (InputStream in = raw.open()) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the raw message of " + mail.key(), e);
    }
    String sha256 = Hashing.sha256().hashBytes(bytes).toString();
    checkArgument(
        bytes.length == mail.size() && sha256.equals(mail.rawSha256()),
        "content does not match its address: %s bytes of SHA-256 %s were announced, the stream"
            + " held %s bytes of SHA-256 %s",
        mail.size(),
        mail.rawSha256(),
        bytes.length,
        sha256);
    return bytes;
  }

  @Override
  public synchronized Optional<InputStream> openRaw(String key) {
    requireNonNull(key, "key must not be null");
    return Optional.ofNullable(mails.get(key))
        .map(m -> raws.get(m.rawSha256()))
        .map(ByteArrayInputStream::new);
  }

  @Override
  public synchronized boolean claim(
      String key, Set<ArchivedMail.Status> from, String owner, Instant now, Instant until) {
    requireNonNull(from, "from must not be null");
    requireNonNull(owner, "owner must not be null");
    requireNonNull(now, "now must not be null");
    requireNonNull(until, "until must not be null");
    checkOwner(owner);
    checkArgument(until.isAfter(now), "until must be after now (%s), got %s", now, until);
    ArchivedMail mail = existing(key);
    Lease lease = leases.get(key);
    if (!from.contains(mail.status())
        || (lease != null && !lease.owner().equals(owner) && lease.until().isAfter(now))) {
      return false;
    }
    leases.put(key, new Lease(owner, until));
    return true;
  }

  @Override
  public synchronized void finish(
      String key, ArchivedMail.Status status, String detail, Instant at) {
    requireNonNull(status, "status must not be null");
    requireNonNull(detail, "detail must not be null");
    requireNonNull(at, "at must not be null");
    ArchivedMail mail = existing(key);
    mails.put(
        key,
        new ArchivedMail(
            key,
            mail.rawSha256(),
            mail.size(),
            mail.source(),
            mail.receivedAt(),
            status,
            detail,
            at));
    leases.remove(key);
  }

  @Override
  public synchronized Optional<ArchivedMail> find(String key) {
    return Optional.ofNullable(mails.get(requireNonNull(key, "key must not be null")));
  }

  @Override
  public synchronized List<ArchivedMail> list(
      ArchivedMail.Status status, Optional<ArchivedMail> after, int limit) {
    requireNonNull(status, "status must not be null");
    requireNonNull(after, "after must not be null");
    checkArgument(limit > 0, "limit must be positive, got %s", limit);
    return mails.values().stream()
        .filter(m -> m.status() == status)
        .filter(m -> after.map(a -> ARRIVAL.compare(m, a) > 0).orElse(true))
        .sorted(ARRIVAL)
        .limit(limit)
        .collect(ImmutableList.toImmutableList());
  }

  private static void checkOwner(String owner) {
    requireNonNull(owner, "owner must not be null");
    checkArgument(
        !owner.isBlank() && owner.length() <= OWNER_MAX,
        "lease owner must be 1-%s characters, got '%s'",
        OWNER_MAX,
        owner);
  }

  private ArchivedMail existing(String key) {
    requireNonNull(key, "key must not be null");
    ArchivedMail mail = mails.get(key);
    checkArgument(mail != null, "no archived mail with key '%s'", key);
    return mail;
  }
}

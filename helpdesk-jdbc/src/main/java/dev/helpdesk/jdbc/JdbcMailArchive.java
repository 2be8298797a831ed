package dev.helpdesk.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.helpdesk.domain.ConcurrentUpdateException;
import dev.helpdesk.domain.StoreException;
import dev.helpdesk.spi.ArchivedMail;
import dev.helpdesk.spi.MailArchive;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The mail archive as one small table of metadata, with the raw messages as {@link ChunkedContent}
 * beside the attachments (content-addressed, so a raw message equal to a stored one is kept once),
 * written in the same transaction as their record. Once-only receipt rests on the primary key and a
 * lease is one conditional update, so nodes sharing the database need no row locks and no clocks in
 * agreement beyond the {@code now} they pass.
 */
final class JdbcMailArchive implements MailArchive {
  private static final int OWNER_MAX = 200;

  private static final String COLUMNS =
      "mail_key, raw_sha256, size, source, received_at, status, detail, updated_at";

  private final Database database;
  private final Dialect dialect;
  private final ChunkedContent content;

  /** Whether a claim took the lease, was refused, or found no message to lease. */
  private enum Claim {
    TAKEN,
    REFUSED,
    NO_SUCH_MAIL
  }

  JdbcMailArchive(Database database, ChunkedContent content) {
    this.database = requireNonNull(database, "database must not be null");
    this.dialect = database.dialect();
    this.content = requireNonNull(content, "content must not be null");
  }

  @Override
  public ArchivedMail receive(ArchivedMail mail) {
    requireNonNull(mail, "mail must not be null");
    try {
      return database.transaction(
          h -> select(h, mail.key()).orElseGet(() -> insert(h, mail)),
          failure ->
              JdbcErrors.translateConflict(
                  "archiving mail " + mail.key(),
                  failure,
                  "mail " + mail.key() + " was archived concurrently"));
    } catch (ConcurrentUpdateException receivedConcurrently) {
      // Another node stored this key between our look and our insert; its record is the one.
      return find(mail.key())
          .orElseThrow(
              () ->
                  new StoreException(
                      "mail "
                          + mail.key()
                          + " clashed with a concurrent receipt, but is not stored",
                      true,
                      receivedConcurrently));
    }
  }

  private static void checkOwner(String owner) {
    requireNonNull(owner, "owner must not be null");
    checkArgument(
        !owner.isBlank() && owner.length() <= OWNER_MAX,
        "lease owner must be 1-%s characters, got '%s'",
        OWNER_MAX,
        owner);
  }

  @Override
  public Optional<ArchivedMail> receiveClaimed(
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
    try {
      // Insert first: a new message is the usual case, and the key's uniqueness decides a race.
      database.transaction(
          h -> {
            insertRow(h, mail, Optional.of(owner), Optional.of(until));
            return content.insertVerified(h, mail.rawSha256(), mail.size(), raw::open);
          },
          failure ->
              JdbcErrors.translateConflict(
                  "archiving mail " + mail.key(),
                  failure,
                  "mail " + mail.key() + " was archived before"));
      return Optional.empty();
    } catch (ConcurrentUpdateException archivedBefore) {
      return Optional.of(
          find(mail.key())
              .orElseThrow(
                  () ->
                      new StoreException(
                          "mail "
                              + mail.key()
                              + " clashed with an earlier receipt, but is not stored",
                          true,
                          archivedBefore)));
    } catch (StoreException e) {
      if (e.getCause() instanceof IllegalArgumentException notTheAnnouncedBytes) {
        throw notTheAnnouncedBytes;
      }
      throw e;
    }
  }

  @Override
  public Optional<InputStream> openRaw(String key) {
    requireNonNull(key, "key must not be null");
    return database.transaction(
        "reading the raw message of mail " + key,
        h -> {
          Optional<ArchivedMail> mail = select(h, key);
          return mail.isEmpty() ? Optional.empty() : content.read(h, mail.get().rawSha256());
        });
  }

  private ArchivedMail insert(Handle h, ArchivedMail mail) {
    insertRow(h, mail, Optional.empty(), Optional.empty());
    // Read back rather than return the argument: the columns keep microseconds only.
    return select(h, mail.key()).orElseThrow();
  }

  private void insertRow(
      Handle h, ArchivedMail mail, Optional<String> leaseOwner, Optional<Instant> leaseUntil) {
    h.createUpdate(
            "INSERT INTO mail_archive ("
                + COLUMNS
                + ", lease_owner, lease_until) VALUES (:key, :sha, :size, :source, :receivedAt,"
                + " :status, :detail, :updatedAt, :owner, :until)")
        .bind("key", mail.key())
        .bind("sha", mail.rawSha256())
        .bind("size", mail.size())
        .bind("source", mail.source())
        .bind("receivedAt", mail.receivedAt())
        .bind("status", mail.status().name())
        .bind("detail", mail.detail())
        .bind("updatedAt", mail.updatedAt())
        .bind("owner", leaseOwner.orElse(null))
        .bindByType("until", leaseUntil.orElse(null), Instant.class)
        .execute();
  }

  @Override
  public boolean claim(
      String key, Set<ArchivedMail.Status> from, String owner, Instant now, Instant until) {
    requireNonNull(key, "key must not be null");
    requireNonNull(from, "from must not be null");
    requireNonNull(owner, "owner must not be null");
    requireNonNull(now, "now must not be null");
    requireNonNull(until, "until must not be null");
    checkOwner(owner);
    checkArgument(until.isAfter(now), "until must be after now (%s), got %s", now, until);
    Claim claim =
        database.transaction(
            "claiming mail " + key,
            h -> {
              // SQL has no empty IN list; no status to claim from means nothing can be claimed.
              int rows =
                  from.isEmpty()
                      ? 0
                      : h.createUpdate(
                              "UPDATE mail_archive SET lease_owner = :owner, lease_until = :until"
                                  + " WHERE mail_key = :key AND status IN (<from>)"
                                  + " AND (lease_owner IS NULL OR lease_owner = :owner"
                                  + " OR lease_until <= :now)")
                          .bind("owner", owner)
                          .bind("until", until)
                          .bind("key", key)
                          .bindList("from", from.stream().map(Enum::name).toList())
                          .bind("now", now)
                          .execute();
              if (rows == 1) {
                return Claim.TAKEN;
              }
              return exists(h, key) ? Claim.REFUSED : Claim.NO_SUCH_MAIL;
            });
    checkArgument(claim != Claim.NO_SUCH_MAIL, "no archived mail with key '%s'", key);
    return claim == Claim.TAKEN;
  }

  @Override
  public void finish(String key, ArchivedMail.Status status, String detail, Instant at) {
    requireNonNull(key, "key must not be null");
    requireNonNull(status, "status must not be null");
    requireNonNull(detail, "detail must not be null");
    requireNonNull(at, "at must not be null");
    checkArgument(
        detail.length() <= ArchivedMail.DETAIL_MAX,
        "detail must be at most %s characters, got %s",
        ArchivedMail.DETAIL_MAX,
        detail.length());
    boolean found =
        database.transaction(
            "finishing mail " + key,
            h ->
                h.createUpdate(
                                "UPDATE mail_archive SET status = :status, detail = :detail,"
                                    + " updated_at = :at, lease_owner = NULL, lease_until = NULL"
                                    + " WHERE mail_key = :key")
                            .bind("status", status.name())
                            .bind("detail", detail)
                            .bind("at", at)
                            .bind("key", key)
                            .execute()
                        == 1
                    // A driver set to count changed rather than matched rows reports 0 for a
                    // finish that repeats the stored values; only a look tells that from no row.
                    || exists(h, key));
    checkArgument(found, "no archived mail with key '%s'", key);
  }

  @Override
  public Optional<ArchivedMail> find(String key) {
    requireNonNull(key, "key must not be null");
    return database.withHandle("reading archived mail " + key, h -> select(h, key));
  }

  @Override
  public List<ArchivedMail> list(
      ArchivedMail.Status status, Optional<ArchivedMail> after, int limit) {
    requireNonNull(status, "status must not be null");
    requireNonNull(after, "after must not be null");
    checkArgument(limit >= 1, "limit must be positive, got %s", limit);
    return database.withHandle(
        "listing archived mail in " + status,
        h -> {
          Query q =
              h.createQuery(listSql(after.isPresent()))
                  .bind("status", status.name())
                  .bind("limit", limit);
          after.ifPresent(a -> q.bind("at", a.receivedAt()).bind("key", a.key()));
          return q.map((rs, ctx) -> mail(rs)).collect(ImmutableList.toImmutableList());
        });
  }

  /** One status's messages in arrival order; the keyset is one range on the status index. */
  static String listSql(boolean after) {
    return "SELECT "
        + COLUMNS
        + " FROM mail_archive WHERE status = :status"
        + (after ? " AND (received_at, mail_key) > (:at, :key)" : "")
        // The equality column leads the ORDER BY too, so that H2 reads the index in order and stops
        // at the LIMIT instead of sorting every message of the status.
        + " ORDER BY status, received_at, mail_key LIMIT :limit";
  }

  private Optional<ArchivedMail> select(Handle h, String key) {
    return h.createQuery("SELECT " + COLUMNS + " FROM mail_archive WHERE mail_key = :key")
        .bind("key", key)
        .map((rs, ctx) -> mail(rs))
        .findOne();
  }

  private static boolean exists(Handle h, String key) {
    return h.createQuery("SELECT COUNT(*) FROM mail_archive WHERE mail_key = :key")
            .bind("key", key)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  private ArchivedMail mail(ResultSet rs) throws SQLException {
    return new ArchivedMail(
        rs.getString("mail_key"),
        rs.getString("raw_sha256"),
        rs.getLong("size"),
        rs.getString("source"),
        dialect.instant(rs, "received_at"),
        ArchivedMail.Status.valueOf(rs.getString("status")),
        rs.getString("detail"),
        dialect.instant(rs, "updated_at"));
  }
}

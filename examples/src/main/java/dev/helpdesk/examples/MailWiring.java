package dev.helpdesk.examples;

import dev.helpdesk.Helpdesk;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.jdbc.JdbcStore;
import dev.helpdesk.mail.MailIntake;
import dev.helpdesk.mail.MailNotifier;
import dev.helpdesk.mail.Mailbox;
import dev.helpdesk.mail.SmtpSettings;
import dev.helpdesk.spi.Directory;

/**
 * The README's mail wiring, kept here so it compiles and runs in a test: a desk on the embedded H2
 * store that mails through SMTP and takes mail in through one intake.
 */
public final class MailWiring {
  private MailWiring() {}

  /** The parts a host keeps: the store to close, the desk, the intake to feed. */
  public record Wired(JdbcStore store, Helpdesk desk, MailIntake intake) {}

  /** Wires mail into a desk over {@code store}; {@code secret} signs our Message-IDs. */
  public static Wired wire(JdbcStore store, Directory directory, SmtpSettings smtp, byte[] secret) {
    // README-MAIL-BEGIN
    MailNotifier mail =
        MailNotifier.builder(smtp, "support@example.com", secret)
            .fromName("Example Hosting Support")
            .threadLookup(store.ticketStore())
            .build();
    Helpdesk desk =
        Helpdesk.builder()
            .store(store.ticketStore())
            .attachments(store.attachmentStore())
            .directory(directory)
            .notifier(mail)
            .build();
    MailIntake intake =
        MailIntake.builder(
                desk,
                directory,
                store.ticketStore(),
                store.mailArchive(),
                store.attachmentStore(),
                secret)
            .mailbox(Mailbox.of("support@example.com", DepartmentId.of("tech")))
            .mailbox(
                Mailbox.of("billing@example.com", DepartmentId.of("billing"))
                    .withUnknownSenders(Mailbox.UnknownSenders.REFUSE))
            .refusalsVia(mail)
            .build();
    // README-MAIL-END
    return new Wired(store, desk, intake);
  }
}

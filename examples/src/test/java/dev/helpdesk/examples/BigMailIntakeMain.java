package dev.helpdesk.examples;

import dev.helpdesk.jdbc.JdbcStore;
import dev.helpdesk.mail.IntakeResult;
import dev.helpdesk.mail.SmtpSettings;
import dev.helpdesk.testing.FakeDirectory;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap by {@link BigMailOnH2Test}: takes one big message from a
 * file into a desk on an H2 file, through the README's wiring, and prints the outcome and the peak
 * heap.
 */
public final class BigMailIntakeMain {
  private BigMailIntakeMain() {}

  public static void main(String[] args) throws Exception {
    Path message = Path.of(args[0]);
    Path database = Path.of(args[1]);
    try (JdbcStore store =
        JdbcStore.h2("jdbc:h2:file:" + database.toAbsolutePath(), "", "")
            .attachmentLimit(100L << 20)
            .build()) {
      FakeDirectory directory =
          new FakeDirectory()
              .department("tech", "Tech")
              .department("billing", "Billing")
              .customer("alice", "Alice", "alice@example.net");
      MailWiring.Wired wired =
          MailWiring.wire(
              store,
              directory,
              SmtpSettings.of("127.0.0.1", 1),
              "example secret, 32 bytes long...".getBytes(StandardCharsets.UTF_8));
      IntakeResult result = wired.intake().accept(message, "pipe");
      System.out.println("result=" + result);
      System.out.println(
          "attachments="
              + store
                  .ticketStore()
                  .thread(
                      store
                          .ticketStore()
                          .findByReference(((IntakeResult.Created) result).ticket())
                          .orElseThrow()
                          .id())
                  .get(0)
                  .attachments());
    }
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    System.out.println("peakHeap=" + peak);
  }
}

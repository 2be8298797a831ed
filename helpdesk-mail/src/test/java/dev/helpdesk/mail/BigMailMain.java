package dev.helpdesk.mail;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Parses one message file and streams every attachment through SHA-256; BoundedMemoryTest runs it
 * in a child JVM with a small heap, because only a fresh JVM shows what one parse really costs.
 */
final class BigMailMain {
  private BigMailMain() {}

  public static void main(String[] args) throws Exception {
    try (ParsedMail mail = new MailParser().parse(Path.of(args[0]))) {
      System.out.println("text=" + mail.text().replace('\n', ' '));
      for (MailAttachment a : mail.attachments()) {
        try (InputStream in = a.content().open()) {
          System.out.println("attachment=" + a.filename() + " sha256=" + Corpus.sha256(in));
        }
      }
    } catch (MalformedMailException e) {
      System.out.println("malformed=" + e.getMessage());
      System.exit(2);
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    Runtime rt = Runtime.getRuntime();
    System.out.println("usedHeap=" + (rt.totalMemory() - rt.freeMemory()) + " peakHeap=" + peak);
  }
}

/**
 * The Jakarta Mail adapter: intake from a pipe, an SMTP listener and IMAP/POP3 pollers, threading,
 * the loop guard and outbound notifications.
 */
module dev.helpdesk.mail {
  requires transitive dev.helpdesk.core;
  requires transitive jakarta.mail;
  requires jakarta.activation;
  requires org.eclipse.angus.mail.dsn;
  requires org.jsoup;
  requires com.github.albfernandez.juniversalchardet;
  requires subethasmtp;
  requires com.google.common;
  requires org.slf4j;

  exports dev.helpdesk.mail;
}

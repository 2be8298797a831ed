package dev.helpdesk.mail;

/** Names and markers that outbound mail writes and inbound mail is checked for. */
final class MailHeaders {
  private MailHeaders() {}

  /** Put on every message the desk sends; inbound mail carrying it is our own mail looping back. */
  static final String LOOP = "X-Helpdesk-Loop";

  /** The first line of every outbound text body; everything from it down is quoted history. */
  static final String REPLY_MARKER = "##- Please type your reply above this line -##";
}

package dev.helpdesk.ticket;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import dev.helpdesk.domain.Limits;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reusable reply with placeholders such as <code>{{customer_name}}</code> (R18). An unknown
 * placeholder is rejected when the template is created, never left blank when a reply is sent.
 */
public record ReplyTemplate(String name, String body) {

  /** The placeholders a template may use; each is filled from the ticket, customer and agent. */
  public static final Set<String> PLACEHOLDERS =
      ImmutableSet.of(
          "customer_name", "ticket_reference", "ticket_subject", "agent_name", "department_name");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  public ReplyTemplate {
    requireNonNull(name, "template name must not be null");
    requireNonNull(body, "template body must not be null");
    checkArgument(
        NAME.matcher(name).matches(),
        "template name must be 1-64 of a-z, 0-9, '_', '.', '-', got '%s'",
        name);
    checkArgument(
        !body.isBlank() && body.length() <= Limits.BODY_MAX,
        "template body must be 1-%s characters, got %s",
        Limits.BODY_MAX,
        body.length());
    Set<String> unknown = new LinkedHashSet<>(placeholdersIn(body));
    unknown.removeAll(PLACEHOLDERS);
    checkArgument(
        unknown.isEmpty(),
        "template '%s' uses unknown placeholders %s; known are %s",
        name,
        unknown,
        PLACEHOLDERS);
  }

  /** Fills every placeholder from {@code values}, which must hold each one the body uses. */
  public String render(Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(body);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      checkArgument(
          value != null, "no value for placeholder '%s' of template '%s'", m.group(1), name);
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Set<String> placeholdersIn(String body) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(body);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}

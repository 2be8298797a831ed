package dev.helpdesk.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import dev.helpdesk.event.HelpdeskEvent;
import java.util.List;

/**
 * What the ticket aggregate decided about one command: the events it causes, or the refusal that
 * names why not. A decision reads nothing and changes nothing; the desk commits accepted events.
 */
public sealed interface Decision {

  /** The command is accepted and causes these events, in order (at least one). */
  record Accepted(List<HelpdeskEvent> events) implements Decision {
    public Accepted {
      events = ImmutableList.copyOf(events);
      Preconditions.checkArgument(!events.isEmpty(), "an accepted command causes an event");
    }
  }

  /** The command is refused; {@code reason} is the exception the desk throws to the caller. */
  record Refused(RuntimeException reason) implements Decision {
    public Refused {
      requireNonNull(reason, "reason must not be null");
    }
  }

  static Decision accept(HelpdeskEvent event) {
    return new Accepted(List.of(event));
  }

  static Decision refuse(RuntimeException reason) {
    return new Refused(reason);
  }

  /** The accepted events, or the refusal thrown. */
  default List<HelpdeskEvent> eventsOrThrow() {
    if (this instanceof Refused refused) {
      throw refused.reason();
    }
    return ((Accepted) this).events();
  }
}

package dev.helpdesk.domain;

import static com.google.common.base.Preconditions.checkArgument;

/** A support level (L1 first line, L2, L3 ...) that a ticket is handled at (R8). */
public record Tier(int level) implements Comparable<Tier> {
  /** The first line of support. */
  public static final Tier L1 = new Tier(1);

  /** Highest level accepted; hosts with more levels than this have a different problem. */
  public static final int MAX_LEVEL = 9;

  public Tier {
    checkArgument(
        level >= 1 && level <= MAX_LEVEL, "Tier level must be 1-%s, got %s", MAX_LEVEL, level);
  }

  /** Shorthand for {@code new Tier(level)}. */
  public static Tier of(int level) {
    return new Tier(level);
  }

  /** The next level up; fails at the top level. */
  public Tier next() {
    return new Tier(level + 1);
  }

  @Override
  public int compareTo(Tier other) {
    return Integer.compare(level, other.level);
  }

  @Override
  public String toString() {
    return "L" + level;
  }
}

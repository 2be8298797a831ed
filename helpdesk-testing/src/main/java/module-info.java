/**
 * Published fakes (in-memory stores, a settable clock, a fake directory, recording notifier and
 * listener) and the contract suites every adapter of a port passes.
 */
module dev.helpdesk.testing {
  requires transitive dev.helpdesk.core;
  requires transitive org.junit.jupiter.api;
  requires org.assertj.core;
  requires quicktheories;
  requires com.google.common;

  exports dev.helpdesk.testing;
}

/**
 * Published fakes for hosts' and adapters' tests (an in-memory store, a settable clock, a fake
 * directory, recording notifier and listener) and the contract suites every adapter must pass.
 */
package dev.helpdesk.testing;

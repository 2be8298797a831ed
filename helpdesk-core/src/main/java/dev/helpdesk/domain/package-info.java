/**
 * The desk's vocabulary, which every other package uses: ids, actors and requesters, statuses,
 * priorities, tiers, channels, the host's plans, the documented limits and the exceptions the desk
 * throws. Depends on nothing else in the library.
 */
package dev.helpdesk.domain;

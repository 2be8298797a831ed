/** SLA policies, support hours and clocks: pure computations over {@code java.time}. */
package dev.helpdesk.sla;

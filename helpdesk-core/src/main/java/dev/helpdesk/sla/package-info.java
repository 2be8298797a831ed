/**
 * SLA policies, support hours and clock states: values and pure computations over {@code
 * java.time}.
 */
package dev.helpdesk.sla;

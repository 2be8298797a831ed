/**
 * Support metrics (R13): first-response and resolution times, resolution rate, SLA compliance,
 * transfers, reopens and customer feedback, computed purely from tickets and their events.
 */
package dev.helpdesk.metrics;

/**
 * The support report (R13) as values: first-response and resolution times, resolution rate, SLA
 * compliance, transfers, reopens and customer feedback, overall, per department and per agent. The
 * desk computes them from tickets and their events ({@code Helpdesk.report}).
 */
package dev.helpdesk.metrics;

/**
 * The runnable demo of a day at a small hosting company: the story ({@link
 * dev.helpdesk.examples.demo.SupportDay}), the mail server it runs in the JVM, the customers' raw
 * mail, a sample billing-portal listener and the printed timeline and report.
 */
package dev.helpdesk.examples.demo;

/**
 * Internals of helpdesk-jdbc that are public only so the project's own modules (the load harness in
 * helpdesk-benchmarks) can write rows exactly as the store does. Not an API for hosts: anything
 * here may change or go without notice.
 */
package dev.helpdesk.jdbc.internal;

/**
 * The Lucene adapter of {@link dev.helpdesk.spi.KnowledgeBase}: {@link
 * dev.helpdesk.search.LuceneKnowledgeBase}, and {@link dev.helpdesk.search.MarkdownArticles} for a
 * knowledge base kept as a folder of Markdown files. Everything else is package-private.
 */
package dev.helpdesk.search;

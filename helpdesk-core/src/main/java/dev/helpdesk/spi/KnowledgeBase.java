package dev.helpdesk.spi;

import java.util.List;

/**
 * The host's knowledge base (R15), asked for articles that may answer a ticket before it is
 * submitted. Called on every pause in the customer's typing, so it should answer in a few
 * milliseconds. The desk has already decided which plan's articles the reader may see; the adapter
 * only honours {@link ArticleQuery#plan()}. Implementations must be thread-safe. {@code
 * dev.helpdesk.search.LuceneKnowledgeBase} is the Lucene adapter; {@code
 * dev.helpdesk.testing.InMemoryKnowledgeBase} a simple one for tests.
 */
public interface KnowledgeBase {

  /**
   * The best articles for the query, best first, at most {@link ArticleQuery#limit()} and at most
   * one per article id (the version in the query's language when that version matches); ranks are
   * 1, 2, 3, ... Articles not visible to the query's plan never appear; a blank query gets none.
   */
  List<ArticleSuggestion> suggest(ArticleQuery query);
}

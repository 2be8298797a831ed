package dev.helpdesk.testing;

import dev.helpdesk.spi.Article;
import dev.helpdesk.spi.KnowledgeBase;
import java.util.List;

/** The in-memory knowledge base passes the contract every adapter passes. */
class InMemoryKnowledgeBaseTest implements KnowledgeBaseContract {
  @Override
  public KnowledgeBase knowledgeBaseOf(List<Article> articles) {
    return InMemoryKnowledgeBase.of(articles);
  }
}

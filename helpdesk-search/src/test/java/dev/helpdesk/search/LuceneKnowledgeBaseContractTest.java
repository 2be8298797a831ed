package dev.helpdesk.search;

import dev.helpdesk.spi.Article;
import dev.helpdesk.spi.KnowledgeBase;
import dev.helpdesk.testing.KnowledgeBaseContract;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The Lucene knowledge base, in memory, passes the contract every adapter passes. */
class LuceneKnowledgeBaseContractTest implements KnowledgeBaseContract {
  private final List<LuceneKnowledgeBase> opened = new ArrayList<>();

  @Override
  public KnowledgeBase knowledgeBaseOf(List<Article> articles) {
    LuceneKnowledgeBase kb = LuceneKnowledgeBase.inMemory(articles);
    opened.add(kb);
    return kb;
  }

  @AfterEach
  void close() throws IOException {
    for (LuceneKnowledgeBase kb : opened) {
      kb.close();
    }
  }
}

package dev.helpdesk.search;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.ArticleId;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.spi.Article;
import dev.helpdesk.spi.ArticleQuery;
import dev.helpdesk.spi.ArticleSuggestion;
import dev.helpdesk.spi.KnowledgeBase;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KnowledgeBase} on Apache Lucene: the host's articles in an index held in memory, or in a
 * directory on disk, rebuilt from the articles whenever the host says so.
 *
 * <p>Each article is analyzed in its language (stemming for English, Russian, Turkish and the main
 * European languages; word segmentation for Chinese and Korean; Unicode folding for Swahili and any
 * other language) and, in every language, as character trigrams for typos and pasted error texts.
 * Title and keywords weigh more than the body. Suggestions in the query's language come first:
 * their score counts {@value #LANGUAGE_FACTOR} times, so a far better article in another language
 * can still come before a weak one in the customer's language; an article of the query's department
 * counts {@value #DEPARTMENT_FACTOR} times. Without a language, every language of the index whose
 * script occurs in the text is asked.
 *
 * <p>Thread-safe: suggestions run in parallel, and a {@link #rebuild} swaps the whole index at
 * once, so a query sees the old articles or the new ones, never a mixture. {@link #close()} it.
 */
public final class LuceneKnowledgeBase implements KnowledgeBase, Closeable {
  private static final Logger log = LoggerFactory.getLogger(LuceneKnowledgeBase.class);

  /** How much more an article of the query's department counts. */
  static final float DEPARTMENT_FACTOR = 1.15f;

  /** Hits read per suggestion asked, so that merging translations still fills the limit. */
  private static final int HITS_PER_SUGGESTION = 6;

  private final Directory directory;
  private final Analyzer analyzer;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final QueryBuilder queries;
  private volatile SortedSet<String> languages = Collections.emptySortedSet();

  private LuceneKnowledgeBase(Directory directory, Collection<Article> articles)
      throws IOException {
    this.directory = directory;
    this.analyzer = Fields.analyzer();
    this.writer =
        new IndexWriter(
            directory,
            new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE));
    this.searchers = new SearcherManager(writer, null);
    this.queries = new QueryBuilder(analyzer);
    rebuild(articles);
  }

  /** A knowledge base of these articles, indexed in memory. */
  public static LuceneKnowledgeBase inMemory(Collection<Article> articles) {
    requireNonNull(articles, "articles must not be null");
    try {
      return new LuceneKnowledgeBase(new ByteBuffersDirectory(), articles);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the knowledge base in memory", e);
    }
  }

  /**
   * A knowledge base of these articles, indexed in {@code directory} (created if missing; an index
   * already there is replaced). For a large knowledge base that should not live on the heap.
   */
  public static LuceneKnowledgeBase onDisk(Path directory, Collection<Article> articles) {
    requireNonNull(directory, "directory must not be null");
    requireNonNull(articles, "articles must not be null");
    try {
      return new LuceneKnowledgeBase(FSDirectory.open(directory), articles);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the knowledge base in " + directory, e);
    }
  }

  /**
   * Replaces every article by these, at once: queries running meanwhile see the old ones. Two
   * versions with the same id and language are refused, naming them, and change nothing.
   */
  public synchronized void rebuild(Collection<Article> articles) {
    requireNonNull(articles, "articles must not be null");
    Set<String> seen = new HashSet<>();
    SortedSet<String> present = new TreeSet<>();
    for (Article a : articles) {
      requireNonNull(a, "article must not be null");
      if (!seen.add(a.id() + "." + a.language())) {
        throw new IllegalArgumentException(
            "article " + a.id() + " in language " + a.language() + " appears twice");
      }
      present.add(a.language());
    }
    try {
      writer.deleteAll();
      for (Article a : articles) {
        writer.addDocument(document(a));
      }
      writer.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rebuild the knowledge base", e);
    }
    languages = Collections.unmodifiableSortedSet(present);
    log.debug("knowledge base rebuilt: {} articles in {}", articles.size(), present);
  }

  @Override
  public List<ArticleSuggestion> suggest(ArticleQuery query) {
    requireNonNull(query, "query must not be null");
    if (query.isBlank()) {
      return List.of();
    }
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        Map<ArticleId, ArticleSuggestion> best = new LinkedHashMap<>();
        Optional<String> language = query.language().filter(languages::contains);
        if (language.isPresent()) {
          collect(searcher, query, List.of(language.get()), best);
        }
        if (best.size() < query.limit()) {
          collect(searcher, query, QueryBuilder.byScript(query, languages), best);
        }
        return List.copyOf(best.values());
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search the knowledge base", e);
    }
  }

  /**
   * Adds the best articles of the {@code asked} languages to {@code best}, one per id and up to the
   * query's limit, after those already there.
   */
  private void collect(
      IndexSearcher searcher,
      ArticleQuery query,
      List<String> asked,
      Map<ArticleId, ArticleSuggestion> best)
      throws IOException {
    Query text = queries.text(query, asked, searcher.getIndexReader());
    if (text == null) {
      return;
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder().add(text, Occur.MUST);
    query.plan().ifPresent(plan -> q.add(visibleTo(plan), Occur.FILTER));
    ScoreDoc[] hits = searcher.search(q.build(), query.limit() * HITS_PER_SUGGESTION).scoreDocs;
    List<Candidate> ranked = new ArrayList<>();
    for (ScoreDoc hit : hits) {
      ranked.add(Candidate.of(searcher.storedFields().document(hit.doc), hit.score, query));
    }
    ranked.sort((x, y) -> Float.compare(y.score(), x.score()));
    for (Candidate c : ranked) {
      if (best.size() == query.limit()) {
        return;
      }
      best.computeIfAbsent(
          c.id(), id -> new ArticleSuggestion(id, c.language(), c.title(), best.size() + 1));
    }
  }

  /** One version that matched, with its score weighed by department. */
  private record Candidate(ArticleId id, String language, String title, float score) {
    static Candidate of(Document d, float score, ArticleQuery query) {
      boolean department =
          query
              .department()
              .filter(dep -> dep.value().equals(d.get(Fields.DEPARTMENT)))
              .isPresent();
      return new Candidate(
          ArticleId.of(d.get(Fields.ID)),
          d.get(Fields.LANGUAGE),
          d.get(Fields.STORED_TITLE),
          department ? score * DEPARTMENT_FACTOR : score);
    }
  }

  private static Query visibleTo(PlanId plan) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(Fields.PLAN, Fields.ANY)), Occur.SHOULD)
        .add(new TermQuery(new Term(Fields.PLAN, plan.value())), Occur.SHOULD)
        .build();
  }

  private static Document document(Article a) {
    Document d = new Document();
    d.add(new StringField(Fields.ID, a.id().value(), Field.Store.YES));
    d.add(new StringField(Fields.LANGUAGE, a.language(), Field.Store.YES));
    d.add(new StoredField(Fields.STORED_TITLE, a.title()));
    d.add(
        new StringField(
            Fields.DEPARTMENT,
            a.department().map(dep -> dep.value()).orElse(Fields.ANY),
            Field.Store.YES));
    if (a.plans().isEmpty()) {
      d.add(new StringField(Fields.PLAN, Fields.ANY, Field.Store.NO));
    }
    for (PlanId plan : a.plans()) {
      d.add(new StringField(Fields.PLAN, plan.value(), Field.Store.NO));
    }
    d.add(new TextField(Fields.title(a.language()), a.title(), Field.Store.NO));
    for (String keyword : a.keywords()) {
      d.add(new TextField(Fields.keywords(a.language()), keyword, Field.Store.NO));
    }
    d.add(new TextField(Fields.body(a.language()), a.body(), Field.Store.NO));
    String heading = a.title() + "\n" + String.join("\n", a.keywords());
    d.add(new TextField(Fields.grams(a.language()), heading, Field.Store.NO));
    return d;
  }

  /** How many article versions the index holds. */
  public int size() {
    return writer.getDocStats().numDocs;
  }

  /** The languages of the articles indexed. */
  public SortedSet<String> languages() {
    return languages;
  }

  @Override
  public void close() throws IOException {
    try (directory;
        analyzer;
        writer) {
      searchers.close();
    }
  }

  @Override
  public String toString() {
    return "LuceneKnowledgeBase[" + size() + " articles in " + languages + "]";
  }
}

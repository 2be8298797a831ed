package dev.helpdesk.benchmarks;

import dev.helpdesk.search.LuceneKnowledgeBase;
import dev.helpdesk.search.MarkdownArticles;
import dev.helpdesk.spi.Article;
import dev.helpdesk.spi.ArticleQuery;
import dev.helpdesk.spi.ArticleSuggestion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How well the knowledge base answers labelled customer queries: recall@1 and recall@3 per
 * language, for the Lucene knowledge base told the customer's language, the same without it, and
 * the character-trigram TF-IDF baseline, in one run on the same articles and queries.
 *
 * <p>{@code java -cp benchmarks.jar dev.helpdesk.benchmarks.KbQualityHarness ARTICLES_DIR
 * [QUERIES.tsv] [--misses]}; without a queries file it takes the set in the jar.
 */
public final class KbQualityHarness {
  private static final int LIMIT = 3;

  private KbQualityHarness() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: KbQualityHarness ARTICLES_DIR [QUERIES.tsv] [--misses]");
      System.exit(64);
    }
    List<String> rest = List.of(args).subList(1, args.length);
    boolean misses = rest.contains("--misses");
    Optional<Path> queriesFile =
        rest.stream().filter(a -> !a.startsWith("--")).findFirst().map(Path::of);
    List<Article> articles = MarkdownArticles.load(Path.of(args[0]));
    LabelledQueries queries = LabelledQueries.load(queriesFile);
    System.out.printf(
        "%d article versions, %d labelled queries%n", articles.size(), queries.all().size());
    CharNgramTfIdf baseline = new CharNgramTfIdf(articles);
    try (LuceneKnowledgeBase lucene = LuceneKnowledgeBase.inMemory(articles)) {
      List<Ranker> rankers =
          List.of(
              new Ranker(
                  "Lucene, language given",
                  q ->
                      ids(
                          lucene.suggest(
                              ArticleQuery.text(q.text(), LIMIT).inLanguage(q.language())))),
              new Ranker(
                  "Lucene, no language",
                  q -> ids(lucene.suggest(ArticleQuery.text(q.text(), LIMIT)))),
              new Ranker("char 3-gram TF-IDF baseline", q -> baseline.suggest(q.text(), LIMIT)));
      for (Ranker r : rankers) {
        report(r, queries, misses);
      }
    }
  }

  private record Ranker(String name, Function<LabelledQueries.Query, List<String>> rank) {}

  private static List<String> ids(List<ArticleSuggestion> suggestions) {
    return suggestions.stream().map(s -> s.id().value()).toList();
  }

  private static void report(Ranker ranker, LabelledQueries queries, boolean misses) {
    Map<String, int[]> byLanguage = new TreeMap<>();
    List<String> missed = new ArrayList<>();
    for (LabelledQueries.Query q : queries.all()) {
      List<String> got = ranker.rank().apply(q);
      int[] c = byLanguage.computeIfAbsent(q.language(), l -> new int[3]);
      c[0]++;
      if (!got.isEmpty() && got.get(0).equals(q.expected())) {
        c[1]++;
      } else {
        missed.add(q.language() + "  " + q.expected() + "  \"" + q.text() + "\" -> " + got);
      }
      if (got.contains(q.expected())) {
        c[2]++;
      }
    }
    System.out.printf(
        "%n%s%n| language | queries | recall@1 | recall@3 |%n|---|---|---|---|%n", ranker.name());
    int[] total = new int[3];
    byLanguage.forEach(
        (language, c) -> {
          System.out.println(row(language, c));
          for (int i = 0; i < 3; i++) {
            total[i] += c[i];
          }
        });
    System.out.println(row("all", total));
    if (misses) {
      missed.forEach(m -> System.out.println("  not first: " + m));
    }
  }

  private static String row(String language, int[] c) {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %.3f | %.3f |",
        language,
        c[0],
        (double) c[1] / c[0],
        (double) c[2] / c[0]);
  }
}

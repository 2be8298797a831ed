package dev.helpdesk.benchmarks;

import dev.helpdesk.domain.ArticleId;
import dev.helpdesk.search.LuceneKnowledgeBase;
import dev.helpdesk.search.MarkdownArticles;
import dev.helpdesk.spi.Article;
import dev.helpdesk.spi.ArticleQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * How fast suggestions are for a host with a large knowledge base: the articles of a folder plus
 * generated ones up to {@code COUNT} (50,000 by default), each generated article's title, keywords
 * and body drawn from the words of the real articles of its language, so that every query term has
 * long posting lists. Then the labelled queries, round-robin, half with the customer's language and
 * half without, one thread; prints p50, p90, p99 and the maximum of one suggestion (limit 5).
 *
 * <p>{@code java -cp benchmarks.jar dev.helpdesk.benchmarks.KbLatencyHarness ARTICLES_DIR [COUNT]
 * [memory|DISK_DIR] [WARMUP MEASURED]} (defaults: 50,000 articles in memory, 10,000 queries to warm
 * up, 20,000 measured)
 */
public final class KbLatencyHarness {
  private static final int LIMIT = 5;
  private static final Pattern SEPARATORS = Pattern.compile("[\\s，。、；：“”（）！？]+");

  private KbLatencyHarness() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println(
          "usage: KbLatencyHarness ARTICLES_DIR [COUNT] [memory|DISK_DIR] [WARMUP MEASURED]");
      System.exit(64);
    }
    List<Article> real = MarkdownArticles.load(Path.of(args[0]));
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    Optional<Path> disk =
        args.length > 2 && !args[2].equals("memory")
            ? Optional.of(Path.of(args[2]))
            : Optional.empty();
    List<Article> all = new ArrayList<>(real);
    all.addAll(generate(real, count - real.size(), new Random(42)));
    int warmup = args.length > 4 ? Integer.parseInt(args[3]) : 10_000;
    int measured = args.length > 4 ? Integer.parseInt(args[4]) : 20_000;
    List<LabelledQueries.Query> queries = LabelledQueries.load(Optional.empty()).all();

    long built = System.nanoTime();
    try (LuceneKnowledgeBase kb =
        disk.isPresent()
            ? LuceneKnowledgeBase.onDisk(disk.get(), all)
            : LuceneKnowledgeBase.inMemory(all)) {
      System.out.printf(
          Locale.ROOT,
          "%d article versions indexed (%s) in %.1f s%n",
          kb.size(),
          disk.map(Path::toString).orElse("memory"),
          (System.nanoTime() - built) / 1e9);
      run(kb, queries, warmup);
      long[] nanos = run(kb, queries, measured);
      Arrays.sort(nanos);
      System.out.printf(
          Locale.ROOT,
          "%d suggestions: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          nanos.length,
          percentile(nanos, 0.50),
          percentile(nanos, 0.90),
          percentile(nanos, 0.99),
          nanos[nanos.length - 1] / 1e6);
    }
  }

  private static long[] run(LuceneKnowledgeBase kb, List<LabelledQueries.Query> queries, int n) {
    long[] nanos = new long[n];
    int found = 0;
    for (int i = 0; i < n; i++) {
      LabelledQueries.Query q = queries.get(i % queries.size());
      ArticleQuery query = ArticleQuery.text(q.text(), LIMIT);
      if (i % 2 == 0) {
        query = query.inLanguage(q.language());
      }
      long start = System.nanoTime();
      found += kb.suggest(query).size();
      nanos[i] = System.nanoTime() - start;
    }
    if (found == 0) {
      throw new IllegalStateException("no query found anything: the benchmark measures nothing");
    }
    return nanos;
  }

  private static double percentile(long[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  /** Articles whose text is drawn from the words of the real articles of each language. */
  private static List<Article> generate(List<Article> real, int count, Random random) {
    Map<String, List<String>> words = new HashMap<>();
    for (Article a : real) {
      List<String> w = words.computeIfAbsent(a.language(), l -> new ArrayList<>());
      for (String text : List.of(a.title(), a.body(), String.join(" ", a.keywords()))) {
        for (String word : SEPARATORS.split(text)) {
          w.addAll(pieces(word));
        }
      }
    }
    List<String> languages = new ArrayList<>(words.keySet());
    languages.sort(null);
    List<Article> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String language = languages.get(i % languages.size());
      List<String> w = words.get(language);
      List<String> keywords = new ArrayList<>();
      for (int k = 0; k < 6; k++) {
        keywords.add(text(w, 1 + random.nextInt(3), random));
      }
      out.add(
          Article.of(
              ArticleId.of("generated-" + i),
              language,
              text(w, 4 + random.nextInt(6), random),
              text(w, 60 + random.nextInt(120), random),
              keywords));
    }
    return out;
  }

  /**
   * A word, or for a run of Chinese characters (written without spaces) its two-character pieces.
   */
  private static List<String> pieces(String word) {
    if (word.isEmpty()) {
      return List.of();
    }
    if (word.codePoints()
        .noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
      return List.of(word);
    }
    List<String> pieces = new ArrayList<>();
    int[] cps = word.codePoints().toArray();
    for (int i = 0; i < cps.length; i += 2) {
      pieces.add(new String(cps, i, Math.min(2, cps.length - i)));
    }
    return pieces;
  }

  private static String text(List<String> words, int n, Random random) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "" : " ").append(words.get(random.nextInt(words.size())));
    }
    return s.toString();
  }
}

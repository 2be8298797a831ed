package dev.helpdesk.benchmarks;

import dev.helpdesk.spi.Article;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The baseline the Lucene knowledge base is measured against: character trigrams of each word
 * (marked at both ends, as scikit-learn's {@code char_wb}), weighted by TF-IDF with sublinear term
 * frequency, ranked by cosine similarity; an article scores as its best language version. No
 * stemming, no language, no field weights.
 */
final class CharNgramTfIdf {
  private static final int N = 3;

  private final List<Article> articles;
  private final List<Map<String, Double>> vectors = new ArrayList<>();
  private final Map<String, Double> idf = new HashMap<>();

  CharNgramTfIdf(List<Article> articles) {
    this.articles = List.copyOf(articles);
    List<Map<String, Integer>> counts = new ArrayList<>();
    Map<String, Integer> documentFrequency = new HashMap<>();
    for (Article a : articles) {
      Map<String, Integer> c =
          grams(a.title() + " " + String.join(" ", a.keywords()) + " " + a.body());
      counts.add(c);
      c.keySet().forEach(g -> documentFrequency.merge(g, 1, Integer::sum));
    }
    int n = articles.size();
    documentFrequency.forEach((g, df) -> idf.put(g, Math.log((1.0 + n) / (1.0 + df)) + 1.0));
    for (Map<String, Integer> c : counts) {
      vectors.add(weigh(c));
    }
  }

  /** The ids of the best {@code limit} articles for the text, best first. */
  List<String> suggest(String text, int limit) {
    Map<String, Double> q = weigh(grams(text));
    Map<String, Double> best = new LinkedHashMap<>();
    for (int i = 0; i < articles.size(); i++) {
      double cosine = 0;
      Map<String, Double> v = vectors.get(i);
      for (Map.Entry<String, Double> e : q.entrySet()) {
        cosine += e.getValue() * v.getOrDefault(e.getKey(), 0.0);
      }
      if (cosine > 0) {
        best.merge(articles.get(i).id().value(), cosine, Math::max);
      }
    }
    return best.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(limit)
        .map(Map.Entry::getKey)
        .toList();
  }

  private Map<String, Double> weigh(Map<String, Integer> counts) {
    Map<String, Double> w = new HashMap<>();
    double norm = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      Double weight = idf.get(e.getKey());
      if (weight == null) {
        continue;
      }
      double x = (1 + Math.log(e.getValue())) * weight;
      w.put(e.getKey(), x);
      norm += x * x;
    }
    double length = Math.sqrt(norm);
    w.replaceAll((g, x) -> x / length);
    return w;
  }

  private static Map<String, Integer> grams(String text) {
    Map<String, Integer> grams = new HashMap<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_]+")) {
      if (word.isEmpty()) {
        continue;
      }
      int[] cps = (" " + word + " ").codePoints().toArray();
      for (int i = 0; i + N <= cps.length; i++) {
        grams.merge(new String(cps, i, N), 1, Integer::sum);
      }
    }
    return grams;
  }
}

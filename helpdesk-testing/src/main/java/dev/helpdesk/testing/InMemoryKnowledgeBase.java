package dev.helpdesk.testing;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.helpdesk.domain.ArticleId;
import dev.helpdesk.spi.Article;
import dev.helpdesk.spi.ArticleQuery;
import dev.helpdesk.spi.ArticleSuggestion;
import dev.helpdesk.spi.KnowledgeBase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A knowledge base without an index, for tests and small hosts: it counts the query's words in each
 * article, a title or keyword word three times, a body word once. No stemming, no typo tolerance,
 * no segmentation of Chinese or Korean; {@code helpdesk-search} has those. Immutable, so
 * thread-safe.
 */
public final class InMemoryKnowledgeBase implements KnowledgeBase {
  private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final int HEADING_WEIGHT = 3;
  private static final int DEPARTMENT_BONUS = 1;

  private final List<Article> articles;

  private InMemoryKnowledgeBase(List<Article> articles) {
    this.articles = articles;
  }

  /** A knowledge base of these articles. */
  public static InMemoryKnowledgeBase of(List<Article> articles) {
    return new InMemoryKnowledgeBase(
        ImmutableList.copyOf(requireNonNull(articles, "articles must not be null")));
  }

  @Override
  public List<ArticleSuggestion> suggest(ArticleQuery query) {
    requireNonNull(query, "query must not be null");
    Set<String> words = words(query.subject() + " " + query.description());
    List<Scored> scored = new ArrayList<>();
    for (Article a : articles) {
      if (query.plan().isPresent() && !a.visibleTo(query.plan().get())) {
        continue;
      }
      int score = score(a, words);
      if (score == 0) {
        continue;
      }
      if (query.department().isPresent() && a.department().equals(query.department())) {
        score += DEPARTMENT_BONUS;
      }
      boolean inLanguage = query.language().filter(a.language()::equals).isPresent();
      scored.add(new Scored(a, inLanguage, score));
    }
    scored.sort(
        Comparator.comparing(Scored::inLanguage)
            .thenComparingInt(Scored::score)
            .reversed()
            .thenComparing(s -> s.article().id().value()));
    Map<ArticleId, Article> best = new LinkedHashMap<>();
    for (Scored s : scored) {
      best.putIfAbsent(s.article().id(), s.article());
    }
    List<ArticleSuggestion> out = new ArrayList<>();
    for (Article a : best.values()) {
      if (out.size() == query.limit()) {
        break;
      }
      out.add(new ArticleSuggestion(a.id(), a.language(), a.title(), out.size() + 1));
    }
    return List.copyOf(out);
  }

  private static int score(Article a, Set<String> query) {
    Set<String> heading = words(a.title() + " " + String.join(" ", a.keywords()));
    Set<String> body = words(a.body());
    int score = 0;
    for (String w : query) {
      if (heading.contains(w)) {
        score += HEADING_WEIGHT;
      } else if (body.contains(w)) {
        score += 1;
      }
    }
    return score;
  }

  private static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    for (String w : NOT_A_WORD.split(text.toLowerCase(Locale.ROOT))) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }

  private record Scored(Article article, boolean inLanguage, int score) {}
}

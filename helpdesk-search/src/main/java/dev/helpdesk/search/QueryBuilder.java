package dev.helpdesk.search;

import dev.helpdesk.spi.ArticleQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns what the customer typed into one Lucene query: for every language of the index whose script
 * occurs in the text, the text analyzed as that language and matched in its title, keywords and
 * body (title and keywords weigh more; a word within one or two edits counts less than the word
 * itself); and, in every language, each folded word matched by its trigrams, most of which must
 * match. Long texts are cut, so that a pasted log cannot make the query slow.
 */
final class QueryBuilder {
  /** Characters of subject and description analyzed; a few sentences say what the problem is. */
  static final int TEXT_MAX = 600;

  private static final int WORDS_MAX = 16;
  private static final int GRAMS_MAX = 120;
  private static final float TITLE_BOOST = 3f;
  private static final float KEYWORDS_BOOST = 2.5f;
  private static final float BODY_BOOST = 1f;
  private static final float FUZZY_FACTOR = 0.4f;
  private static final float TIE_BREAKER = 0.2f;
  private static final int FUZZY_MIN_LENGTH = 4;
  private static final int TWO_EDITS_MIN_LENGTH = 8;
  private static final int FUZZY_EXPANSIONS = 8;
  private static final float GRAMS_WEIGHT = 1f;
  private static final float GRAMS_MIN_SHARE = 0.6f;

  private final Analyzer analyzer;
  private final Analyzer gramWords = Grams.words();

  QueryBuilder(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** The text query over {@code languages} (those of the index), or null if nothing matches. */
  Query text(ArticleQuery query, Collection<String> languages) {
    String text = text(query);
    Set<UnicodeScript> scripts = scripts(text);
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    int clauses = 0;
    for (String language : languages) {
      Languages.Language l = Languages.of(language);
      boolean asked =
          !Languages.isKnown(language)
              || query.language().filter(language::equals).isPresent()
              || scripts.stream().anyMatch(l.scripts()::contains);
      if (asked) {
        Query words = words(language, l, text);
        if (words != null) {
          any.add(words, Occur.SHOULD);
          clauses++;
        }
      }
    }
    Query grams = grams(text);
    if (grams != null) {
      any.add(grams, Occur.SHOULD);
      clauses++;
    }
    return clauses == 0 ? null : any.build();
  }

  private static String text(ArticleQuery query) {
    String text = query.subject() + "\n" + query.description();
    return text.length() <= TEXT_MAX ? text : text.substring(0, TEXT_MAX);
  }

  private Query words(String language, Languages.Language l, String text) {
    List<String> terms = terms(analyzer, Fields.title(language), text, WORDS_MAX);
    if (terms.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder words = new BooleanQuery.Builder();
    for (String term : terms) {
      List<Query> alternatives = new ArrayList<>();
      addMatches(alternatives, Fields.title(language), term, TITLE_BOOST, l.typoTolerant());
      addMatches(alternatives, Fields.keywords(language), term, KEYWORDS_BOOST, l.typoTolerant());
      addMatches(alternatives, Fields.body(language), term, BODY_BOOST, l.typoTolerant());
      // One word scores once, by its best match, so a word found in title and body is not
      // counted as two.
      words.add(new DisjunctionMaxQuery(alternatives, TIE_BREAKER), Occur.SHOULD);
    }
    return words.build();
  }

  private static void addMatches(
      List<Query> alternatives, String field, String term, float boost, boolean typoTolerant) {
    alternatives.add(new BoostQuery(new TermQuery(new Term(field, term)), boost));
    int length = term.codePointCount(0, term.length());
    if (typoTolerant && length >= FUZZY_MIN_LENGTH) {
      int edits = length >= TWO_EDITS_MIN_LENGTH ? 2 : 1;
      Query fuzzy = new FuzzyQuery(new Term(field, term), edits, 1, FUZZY_EXPANSIONS, true);
      alternatives.add(new BoostQuery(fuzzy, boost * FUZZY_FACTOR));
    }
  }

  /**
   * Each word of the text as a share of its trigrams: a word matches an article that has most of
   * them, whatever the language, so a typo, a missing accent or another affix still matches.
   */
  private Query grams(String text) {
    List<String> words = terms(gramWords, "", text, WORDS_MAX);
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    int clauses = 0;
    for (String word : words) {
      List<String> grams = Grams.of(word);
      if (clauses + grams.size() > GRAMS_MAX) {
        break;
      }
      BooleanQuery.Builder near = new BooleanQuery.Builder();
      for (String gram : grams) {
        near.add(new TermQuery(new Term(Fields.GRAMS, gram)), Occur.SHOULD);
      }
      near.setMinimumNumberShouldMatch((int) Math.ceil(grams.size() * GRAMS_MIN_SHARE));
      // Divided by the word's trigrams, so that a long word counts as one word, not as many.
      any.add(new BoostQuery(near.build(), GRAMS_WEIGHT / grams.size()), Occur.SHOULD);
      clauses += grams.size();
    }
    return clauses == 0 ? null : any.build();
  }

  /**
   * The distinct terms the analyzer makes of {@code text} for {@code field}, the first {@code max}.
   */
  private static List<String> terms(Analyzer analyzer, String field, String text, int max) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream tokens = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (terms.size() < max && tokens.incrementToken()) {
        terms.add(term.toString());
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot analyze a query as " + field, e);
    }
    return List.copyOf(terms);
  }

  private static Set<UnicodeScript> scripts(String text) {
    Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
    text.codePoints().filter(Character::isLetter).forEach(c -> scripts.add(UnicodeScript.of(c)));
    return scripts;
  }
}

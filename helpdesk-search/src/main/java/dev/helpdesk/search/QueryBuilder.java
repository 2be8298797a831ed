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
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns what the customer typed into one Lucene query. For the query's language and every language
 * of the index whose script occurs in the text, the text is analyzed as that language and each word
 * matched in that language's title, keywords and body (title and keywords weigh more, a code such
 * as "503" or "upload_max_filesize" twice as much as a plain word). A word the index does not know
 * is a typo, an unaccented spelling or an unusual form: it is looked for within one or two edits in
 * titles and keywords, and by its trigrams (most of which must match) in every language. Asking
 * only about unknown words keeps a query on 50,000 articles to a few milliseconds. Long texts are
 * cut, so that a pasted log cannot make the query slow.
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
  private static final float CODE_BOOST = 2f;
  private static final int FUZZY_MIN_LENGTH = 4;
  private static final int FUZZY_EXPANSIONS = 8;
  private static final float GRAMS_WEIGHT = 1f;
  private static final float GRAMS_MIN_SHARE = 0.6f;

  private final Analyzer analyzer;
  private final Analyzer gramWords = Grams.words();

  QueryBuilder(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /**
   * The languages of the index a query asks: those whose script occurs in the text, and any
   * language without an analyzer of its own.
   */
  static List<String> byScript(ArticleQuery query, Collection<String> languages) {
    Set<UnicodeScript> scripts = scripts(text(query));
    List<String> asked = new ArrayList<>();
    for (String language : languages) {
      if (!Languages.isKnown(language)
          || scripts.stream().anyMatch(Languages.of(language).scripts()::contains)) {
        asked.add(language);
      }
    }
    return asked;
  }

  /** The text query over the articles of {@code asked}, or null if nothing can match. */
  Query text(ArticleQuery query, List<String> asked, IndexReader reader) throws IOException {
    String text = text(query);
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    int clauses = 0;
    for (String language : asked) {
      Query words = words(language, text, asked, reader);
      if (words != null) {
        any.add(words, Occur.SHOULD);
        clauses++;
      }
    }
    Query grams = grams(text, asked, reader);
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

  private Query words(String language, String text, List<String> asked, IndexReader reader)
      throws IOException {
    List<String> terms = terms(analyzer, Fields.title(language), text, WORDS_MAX);
    if (terms.isEmpty()) {
      return null;
    }
    boolean typoTolerant = Languages.of(language).typoTolerant();
    BooleanQuery.Builder words = new BooleanQuery.Builder();
    for (String term : terms) {
      List<Query> alternatives = new ArrayList<>();
      alternatives.add(exact(Fields.title(language), term, TITLE_BOOST));
      alternatives.add(exact(Fields.keywords(language), term, KEYWORDS_BOOST));
      alternatives.add(exact(Fields.body(language), term, BODY_BOOST));
      int length = term.codePointCount(0, term.length());
      if (typoTolerant
          && length >= FUZZY_MIN_LENGTH
          && !known(reader, language, term)
          && !knownInAny(reader, asked, term)) {
        alternatives.add(fuzzy(Fields.title(language), term, TITLE_BOOST));
        alternatives.add(fuzzy(Fields.keywords(language), term, KEYWORDS_BOOST));
      }
      // One word scores once, by its best match, so a word found in title and body is not
      // counted as two.
      Query best = new DisjunctionMaxQuery(alternatives, TIE_BREAKER);
      words.add(isCode(term) ? new BoostQuery(best, CODE_BOOST) : best, Occur.SHOULD);
    }
    return words.build();
  }

  private static Query exact(String field, String term, float boost) {
    return new BoostQuery(new TermQuery(new Term(field, term)), boost);
  }

  /**
   * The term within one edit (a transposition counts as one). Two edits would catch more, but the
   * automaton for them takes milliseconds to build; longer words with two typos still match by
   * their trigrams.
   */
  private static Query fuzzy(String field, String term, float boost) {
    return new BoostQuery(
        new FuzzyQuery(new Term(field, term), 1, 1, FUZZY_EXPANSIONS, true), boost * FUZZY_FACTOR);
  }

  /** Whether any article of {@code language} has {@code term} in its title, keywords or body. */
  private static boolean known(IndexReader reader, String language, String term)
      throws IOException {
    return reader.docFreq(new Term(Fields.title(language), term)) > 0
        || reader.docFreq(new Term(Fields.keywords(language), term)) > 0
        || reader.docFreq(new Term(Fields.body(language), term)) > 0;
  }

  /**
   * Whether a word looks like a code from an error message (a status such as 503, a directive such
   * as upload_max_filesize, ERR_TOO_MANY_REDIRECTS): customers paste them, and they name the
   * problem more precisely than any ordinary word.
   */
  private static boolean isCode(String term) {
    return term.chars().anyMatch(c -> Character.isDigit(c) || c == '_');
  }

  /**
   * Each word that no asked language knows, as a share of its trigrams: it matches an article of an
   * asked language whose title or keywords have most of them, so a typo, a missing accent or
   * another affix still finds its article.
   */
  private Query grams(String text, List<String> languages, IndexReader reader) throws IOException {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    int clauses = 0;
    for (String word : terms(gramWords, "", text, WORDS_MAX)) {
      if (knownInAny(reader, languages, word)) {
        continue;
      }
      List<String> grams = Grams.of(word);
      if (clauses + grams.size() > GRAMS_MAX) {
        break;
      }
      for (String language : languages) {
        BooleanQuery.Builder near = new BooleanQuery.Builder();
        for (String gram : grams) {
          near.add(new TermQuery(new Term(Fields.grams(language), gram)), Occur.SHOULD);
        }
        near.setMinimumNumberShouldMatch((int) Math.ceil(grams.size() * GRAMS_MIN_SHARE));
        // Divided by the word's trigrams, so that a long word counts as one word, not as many.
        any.add(new BoostQuery(near.build(), GRAMS_WEIGHT / grams.size()), Occur.SHOULD);
        clauses += grams.size();
      }
    }
    return clauses == 0 ? null : any.build();
  }

  /**
   * Whether the word, analyzed as one of the languages, gives only terms the index knows in that
   * language (a stop word gives none, and needs no trigrams either).
   */
  private boolean knownInAny(IndexReader reader, List<String> languages, String word)
      throws IOException {
    for (String language : languages) {
      boolean all = true;
      for (String term : terms(analyzer, Fields.title(language), word, WORDS_MAX)) {
        all &= known(reader, language, term);
      }
      if (all) {
        return true;
      }
    }
    return false;
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

package dev.helpdesk.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The language-independent field: character trigrams of folded words, each word marked at both ends
 * ({@code ssl} gives {@code _ss}, {@code ssl}, {@code sl_}). It finds what the language analyzers
 * miss: a typo or a missing accent ("sifre" for "şifre"), a pasted error text
 * ("ERR_CERT_DATE_INVALID"), a Swahili or Korean word with another affix. Han characters go in as
 * bigrams first, since one Han character is a word or part of one.
 */
final class Grams {
  static final int SIZE = 3;
  private static final char MARK = '_';
  private static final Pattern WORD = Pattern.compile("^(.*)$");

  private Grams() {}

  /** Folded words: what the query side cuts into trigrams word by word. */
  static Analyzer words() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer words = new StandardTokenizer();
        return new TokenStreamComponents(words, folded(words));
      }
    };
  }

  /** The index side: the trigrams of every folded, marked word. */
  static Analyzer trigrams() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer words = new StandardTokenizer();
        TokenStream marked =
            new PatternReplaceFilter(folded(words), WORD, MARK + "$1" + MARK, false);
        return new TokenStreamComponents(words, new NGramTokenFilter(marked, SIZE, SIZE, false));
      }
    };
  }

  private static TokenStream folded(Tokenizer words) {
    return new ICUFoldingFilter(new CJKBigramFilter(words, CJKBigramFilter.HAN));
  }

  /** The distinct trigrams of one folded word, as the index side makes them. */
  static List<String> of(String word) {
    String marked = MARK + word + MARK;
    int[] cps = marked.codePoints().toArray();
    Set<String> grams = new LinkedHashSet<>();
    for (int i = 0; i + SIZE <= cps.length; i++) {
      grams.add(new String(cps, i, SIZE));
    }
    return new ArrayList<>(grams);
  }
}

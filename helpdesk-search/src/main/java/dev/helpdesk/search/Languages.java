package dev.helpdesk.search;

import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.ko.KoreanAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tr.ApostropheFilter;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.tartarus.snowball.ext.TurkishStemmer;

/**
 * The analyzer of each language, and the scripts it is written in. Stemming where Lucene has a
 * stemmer (English Porter, Russian Snowball, Turkish Snowball with Turkish dotted and dotless i and
 * folded stems, German, French, Spanish, Portuguese, Italian light stemmers), word segmentation for
 * Chinese (smartcn's hidden Markov model) and Korean (nori's dictionary, particles and endings
 * dropped), and for Swahili, which has no stemmer in Lucene, Unicode folding and its function words
 * as stop words. Any other language gets Unicode folding only.
 */
final class Languages {
  private static final Set<UnicodeScript> LATIN = EnumSet.of(UnicodeScript.LATIN);

  /** How a language is analyzed, and which scripts its text uses. */
  record Language(Analyzer analyzer, Set<UnicodeScript> scripts, boolean typoTolerant) {}

  /**
   * The most frequent Swahili function words (conjunctions, the associative -a forms, copulas,
   * demonstratives, pronouns): they carry no topic, and leaving them in lets every article match.
   */
  private static final CharArraySet SWAHILI_STOP_WORDS =
      CharArraySet.unmodifiableSet(
          new CharArraySet(
              Set.of(
                  "na", "ya", "wa", "la", "za", "cha", "vya", "kwa", "katika", "ni", "si", "au",
                  "lakini", "kama", "hii", "huu", "hizi", "hilo", "hiyo", "ile", "yangu", "wangu",
                  "changu", "langu", "zangu", "yako", "wako", "yake", "wake", "sana", "tu", "pia",
                  "kuna", "ili", "kisha", "baada", "kabla", "mimi", "wewe", "yeye", "sisi", "nini",
                  "je", "hata", "bado", "sasa", "hapa", "pale", "kwenye", "ndani", "juu"),
              false));

  private static final Map<String, Language> KNOWN =
      Map.ofEntries(
          Map.entry("en", new Language(new EnglishAnalyzer(), LATIN, true)),
          Map.entry(
              "ru", new Language(new RussianAnalyzer(), EnumSet.of(UnicodeScript.CYRILLIC), true)),
          Map.entry("tr", new Language(turkish(), LATIN, true)),
          Map.entry(
              "zh", new Language(new SmartChineseAnalyzer(), EnumSet.of(UnicodeScript.HAN), false)),
          Map.entry(
              "ko", new Language(new KoreanAnalyzer(), EnumSet.of(UnicodeScript.HANGUL), false)),
          Map.entry("sw", new Language(folding(SWAHILI_STOP_WORDS), LATIN, true)),
          Map.entry("de", new Language(new GermanAnalyzer(), LATIN, true)),
          Map.entry("fr", new Language(new FrenchAnalyzer(), LATIN, true)),
          Map.entry("es", new Language(new SpanishAnalyzer(), LATIN, true)),
          Map.entry("pt", new Language(new PortugueseAnalyzer(), LATIN, true)),
          Map.entry("it", new Language(new ItalianAnalyzer(), LATIN, true)));

  /** Any other language: folded words, in whatever script; always asked. */
  private static final Language OTHER =
      new Language(folding(CharArraySet.EMPTY_SET), EnumSet.allOf(UnicodeScript.class), true);

  private Languages() {}

  static Language of(String language) {
    return KNOWN.getOrDefault(language, OTHER);
  }

  /** Whether {@code language} has an analyzer of its own (else it is only folded). */
  static boolean isKnown(String language) {
    return KNOWN.containsKey(language);
  }

  /**
   * Lucene's Turkish chain (apostrophe suffixes cut, Turkish lower case: {@code I} to {@code ı},
   * {@code İ} to {@code i}; stop words; Snowball stemmer), then the stems folded to ASCII:
   * customers often type without Turkish letters ("sifremi unuttum"), and the stemmer cuts the same
   * suffixes from "sifremi" as from "şifremi".
   */
  private static Analyzer turkish() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer words = new StandardTokenizer();
        TokenStream lower = new TurkishLowerCaseFilter(new ApostropheFilter(words));
        TokenStream content = new StopFilter(lower, TurkishAnalyzer.getDefaultStopSet());
        TokenStream stems = new SnowballFilter(content, new TurkishStemmer());
        return new TokenStreamComponents(words, new ASCIIFoldingFilter(stems));
      }
    };
  }

  /** Words, Unicode case and accent folding (so "Şifre", "sifre" and "ŞİFRE" meet), stop words. */
  private static Analyzer folding(CharArraySet stopWords) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer words = new StandardTokenizer();
        TokenStream folded = new ICUFoldingFilter(words);
        return new TokenStreamComponents(words, new StopFilter(folded, stopWords));
      }
    };
  }
}

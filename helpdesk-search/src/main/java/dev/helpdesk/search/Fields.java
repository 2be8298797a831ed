package dev.helpdesk.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;

/**
 * The index's fields. The text of an article goes to fields named after its language ({@code
 * title.tr}, {@code keywords.tr}, {@code body.tr}), each analyzed by that language's analyzer;
 * title and keywords also go to {@code grams.tr} as trigrams.
 */
final class Fields {
  /** The article id, shared by its translations (stored, indexed as one term). */
  static final String ID = "id";

  /** The language code of this version (stored, one term). */
  static final String LANGUAGE = "lang";

  /** The title, stored to show it. */
  static final String STORED_TITLE = "stored_title";

  /** The department, or {@link #ANY} (one term). */
  static final String DEPARTMENT = "dept";

  /** One term per plan that sees the article, or {@link #ANY}. */
  static final String PLAN = "plan";

  /** The term of an article for every department or every plan. */
  static final String ANY = "*";

  private static final String TITLE = "title.";
  private static final String KEYWORDS = "keywords.";
  private static final String BODY = "body.";
  private static final String GRAMS = "grams.";

  private Fields() {}

  static String title(String language) {
    return TITLE + language;
  }

  static String keywords(String language) {
    return KEYWORDS + language;
  }

  static String body(String language) {
    return BODY + language;
  }

  /** Character trigrams of the title and keywords (not the long body: that would be slow). */
  static String grams(String language) {
    return GRAMS + language;
  }

  /** The analyzer of every field: the language's for text fields, trigrams for the grams ones. */
  static Analyzer analyzer() {
    Analyzer grams = Grams.trigrams();
    return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
      @Override
      protected Analyzer getWrappedAnalyzer(String fieldName) {
        if (fieldName.startsWith(GRAMS)) {
          return grams;
        }
        int dot = fieldName.indexOf('.');
        if (dot < 0) {
          throw new IllegalArgumentException("no analyzer for field " + fieldName);
        }
        return Languages.of(fieldName.substring(dot + 1)).analyzer();
      }
    };
  }
}

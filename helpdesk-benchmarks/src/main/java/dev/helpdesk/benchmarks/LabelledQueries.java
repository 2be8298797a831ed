package dev.helpdesk.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The labelled customer queries of the knowledge-base benchmarks: one per line, {@code language TAB
 * expected-article-id TAB query}; lines starting with {@code #} are comments.
 */
record LabelledQueries(List<LabelledQueries.Query> all) {
  /** One customer query and the article that answers it. */
  record Query(String language, String expected, String text) {}

  /** The set in {@code path}, or the one in the jar ({@code kb/queries.tsv}) when empty. */
  static LabelledQueries load(Optional<Path> path) {
    try (InputStream in =
        path.isPresent()
            ? Files.newInputStream(path.get())
            : LabelledQueries.class.getResourceAsStream("/kb/queries.tsv")) {
      if (in == null) {
        throw new IllegalStateException("kb/queries.tsv is missing from the class path");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Query> all = new ArrayList<>();
      int number = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", 3);
        if (cols.length != 3) {
          throw new IllegalArgumentException(
              "queries line " + number + ": expected language, article id, query: " + line);
        }
        all.add(new Query(cols[0].strip(), cols[1].strip(), cols[2].strip()));
      }
      return new LabelledQueries(List.copyOf(all));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the labelled queries", e);
    }
  }
}

package dev.helpdesk.search;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.ArticleId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.spi.Article;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A knowledge base kept as a folder of Markdown files, one per article and language, named {@code
 * <id>.<lang>.md} ({@code ssl-not-secure.tr.md}), in UTF-8:
 *
 * <pre>
 * # Siteniz "güvenli değil" diyorsa: SSL sertifikası
 * Keywords: güvenli değil, https, kilit simgesi, NET::ERR_CERT_DATE_INVALID
 * Department: tech
 * Plans: shared, dedicated
 *
 * The body, in Markdown.
 * </pre>
 *
 * The first line is the title after {@code # }. Right below it, optional header lines: {@code
 * Keywords:} (comma-separated phrases customers use, also in other words than the title), {@code
 * Department:} (the department it answers for; none: any) and {@code Plans:} (comma-separated plans
 * whose customers see it; none: every plan). The body starts after them. Other files of the folder
 * are ignored; a {@code .md} file with another name is an error.
 */
public final class MarkdownArticles {
  private static final Pattern FILE_NAME =
      Pattern.compile("([A-Za-z0-9_-]{1,64})\\.([a-z]{2,3})\\.md");
  private static final Pattern HEADER =
      Pattern.compile("(?i)(keywords|department|plans)\\s*:\\s*(.*)");
  private static final Pattern LIST_SEPARATOR = Pattern.compile("[,;，、]");

  private MarkdownArticles() {}

  /** Every article of the folder, by file name. Names the file and line of every mistake. */
  public static List<Article> load(Path folder) {
    requireNonNull(folder, "folder must not be null");
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("not a folder of articles: " + folder);
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files =
          listing
              .filter(p -> p.getFileName().toString().endsWith(".md"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    List<Article> articles = new ArrayList<>();
    for (Path file : files) {
      articles.add(read(file));
    }
    return List.copyOf(articles);
  }

  /** One article file. */
  public static Article read(Path file) {
    requireNonNull(file, "file must not be null");
    Matcher name = FILE_NAME.matcher(file.getFileName().toString());
    if (!name.matches()) {
      throw new IllegalArgumentException(
          file + ": an article's file name must be <id>.<lang>.md, such as dns.en.md");
    }
    String text;
    try {
      // A strict decoder: a file in another charset is reported, not indexed as mojibake.
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + ": not UTF-8 text", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return parse(file.toString(), ArticleId.of(name.group(1)), name.group(2), text);
  }

  static Article parse(String source, ArticleId id, String language, String text) {
    List<String> lines = text.strip().lines().toList();
    if (lines.isEmpty() || !lines.get(0).startsWith("# ") || lines.get(0).substring(2).isBlank()) {
      throw new IllegalArgumentException(source + ":1: the first line must be '# Title'");
    }
    String title = lines.get(0).substring(2).strip();
    List<String> keywords = new ArrayList<>();
    Optional<DepartmentId> department = Optional.empty();
    Set<PlanId> plans = new LinkedHashSet<>();
    int line = 1;
    for (; line < lines.size(); line++) {
      Matcher header = HEADER.matcher(lines.get(line).strip());
      if (!header.matches()) {
        break;
      }
      String value = header.group(2).strip();
      try {
        switch (header.group(1).toLowerCase(Locale.ROOT)) {
          case "keywords" -> keywords.addAll(list(value));
          case "department" -> department = Optional.of(DepartmentId.of(value));
          default -> list(value).forEach(p -> plans.add(PlanId.of(p)));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ":" + (line + 1) + ": " + e.getMessage(), e);
      }
    }
    String body = String.join("\n", lines.subList(line, lines.size())).strip();
    try {
      return new Article(id, language, title, body, keywords, department, plans);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static List<String> list(String value) {
    return LIST_SEPARATOR
        .splitAsStream(value)
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}

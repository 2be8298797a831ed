package dev.helpdesk.examples.cli;

import dev.helpdesk.search.LuceneKnowledgeBase;
import dev.helpdesk.search.MarkdownArticles;
import dev.helpdesk.spi.Article;
import dev.helpdesk.spi.ArticleQuery;
import dev.helpdesk.spi.ArticleSuggestion;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helpdesk kb ...}: the knowledge base kept as a folder of Markdown files (R15). */
@Command(
    name = "kb",
    description = "The knowledge base: a folder of <id>.<lang>.md articles.",
    subcommands = {KbCommand.Suggest.class})
public final class KbCommand implements Runnable {
  @Override
  public void run() {
    throw CliException.usage("missing kb command; try helpdesk kb suggest --help");
  }

  /** Prints the ids of the best articles for a query, best first, one per line. */
  @Command(
      name = "suggest",
      description = {
        "Prints the ids of the articles that best answer QUERY, best first, one per line.",
        "DIR holds <id>.<lang>.md files whose first line is '# Title' (see README)."
      })
  public static final class Suggest implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--articles",
        required = true,
        paramLabel = "DIR",
        description = "the folder of articles")
    Path articles;

    @Option(
        names = "--lang",
        paramLabel = "L",
        description =
            "the customer's language (ISO 639: en, ru, tr, zh, ko, sw, ...); its"
                + " articles come first (default: every language)")
    String language;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "5",
        description = "how many articles at most (1-" + ArticleQuery.LIMIT_MAX + ", default 5)")
    int limit;

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "what the customer typed")
    List<String> words;

    @Override
    public Integer call() {
      ArticleQuery query;
      try {
        query = ArticleQuery.text(String.join(" ", words), limit);
        if (language != null) {
          query = query.inLanguage(language);
        }
      } catch (IllegalArgumentException e) {
        throw CliException.usage(e.getMessage());
      }
      List<Article> all;
      try {
        all = MarkdownArticles.load(articles);
      } catch (IllegalArgumentException | UncheckedIOException e) {
        throw new CliException(Sysexits.DATAERR, e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      try (LuceneKnowledgeBase kb = LuceneKnowledgeBase.inMemory(all)) {
        for (ArticleSuggestion s : kb.suggest(query)) {
          out.println(s.id());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close the knowledge base", e);
      }
      out.flush();
      return Sysexits.OK;
    }
  }
}

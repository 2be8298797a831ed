package dev.helpdesk.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.ArticleId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.spi.Article;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder format of a knowledge base: {@code <id>.<lang>.md}, title, header lines, body. */
class MarkdownArticlesTest {
  @TempDir Path dir;

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void load_readsTitleHeadersAndBody_ofEveryArticleFile() throws IOException {
    write(
        "ssl-not-secure.tr.md",
        "# Siteniz \"Güvenli değil\" diyorsa\n"
            + "Keywords: güvenli değil, https， kilit\n"
            + "Department: tech\n"
            + "Plans: shared, dedicated\n"
            + "\n"
            + "Kontrol panelinde **Güvenlik** bölümünü açın.\n"
            + "Department: this line is body text\n");
    write("dns.en.md", "# DNS propagation\n\nWait for the TTL.\n");
    write("notes.txt", "not an article");

    List<Article> articles = MarkdownArticles.load(dir);

    assertThat(articles)
        .containsExactly(
            Article.of(
                ArticleId.of("dns"), "en", "DNS propagation", "Wait for the TTL.", List.of()),
            new Article(
                ArticleId.of("ssl-not-secure"),
                "tr",
                "Siteniz \"Güvenli değil\" diyorsa",
                "Kontrol panelinde **Güvenlik** bölümünü açın.\nDepartment: this line is body text",
                List.of("güvenli değil", "https", "kilit"),
                Optional.of(DepartmentId.of("tech")),
                Set.of(PlanId.of("shared"), PlanId.of("dedicated"))));
  }

  @Test
  void load_fileWithoutTitleLine_namesTheFileAndLine() throws IOException {
    write("dns.en.md", "DNS propagation\n\nWait.\n");

    assertThatThrownBy(() -> MarkdownArticles.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dns.en.md:1")
        .hasMessageContaining("# Title");
  }

  @Test
  void load_markdownFileWithAnotherName_isAnError() throws IOException {
    write("README.md", "# Our knowledge base\n");

    assertThatThrownBy(() -> MarkdownArticles.load(dir))
        .hasMessageContaining("README.md")
        .hasMessageContaining("<id>.<lang>.md");
  }

  @Test
  void load_badHeaderValue_namesTheFileAndLine() throws IOException {
    write("dns.en.md", "# DNS\nDepartment:  \n\nWait.\n");

    assertThatThrownBy(() -> MarkdownArticles.load(dir)).hasMessageContaining("dns.en.md:2");
  }

  @Test
  void load_fileNotInUtf8_isAnError() throws IOException {
    Files.write(dir.resolve("dns.ru.md"), "# Домен".getBytes("windows-1251"));

    assertThatThrownBy(() -> MarkdownArticles.load(dir)).hasMessageContaining("not UTF-8");
  }

  @Test
  void load_missingFolder_isAnError() {
    assertThatThrownBy(() -> MarkdownArticles.load(dir.resolve("nope")))
        .hasMessageContaining("not a folder of articles");
  }
}

package dev.helpdesk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code helpdesk kb suggest} in-process, on a small folder of articles. */
class KbCommandTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private Run run(String... args) {
    CommandLine cl = HelpdeskCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private void article(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @BeforeEach
  void articles() throws IOException {
    article(
        "ssl-not-secure.en.md",
        "# Your site shows \"Not secure\"\nKeywords: padlock, https, certificate expired\n\n"
            + "Issue a free certificate in the panel.\n");
    article(
        "ssl-not-secure.tr.md",
        "# Siteniz \"Güvenli değil\" diyorsa\nKeywords: kilit, https, sertifika süresi doldu\n\n"
            + "Panelden ücretsiz sertifika oluşturun.\n");
    article(
        "mailbox-full.en.md",
        "# Mailbox full\nKeywords: quota exceeded, 552 mailbox full\n\n"
            + "Delete old messages or raise the quota.\n");
    article(
        "dns-propagation.en.md",
        "# DNS changes take time\nKeywords: old site still showing, TTL\n\n"
            + "Resolvers keep the old answer until the TTL runs out.\n");
  }

  @Test
  void suggest_printsArticleIdsBestFirst_onePerLine() {
    Run r = run("kb", "suggest", "--articles", dir.toString(), "my", "site", "says", "not secure");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines().toList()).first().isEqualTo("ssl-not-secure");
    assertThat(r.out().lines().toList()).doesNotHaveDuplicates();
  }

  @Test
  void suggest_withLanguageAndLimit_printsAtMostTheLimit() {
    Run r =
        run(
            "kb",
            "suggest",
            "--articles=" + dir,
            "--lang=tr",
            "--limit=1",
            "sitemde güvenli değil yazıyor");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines().toList()).containsExactly("ssl-not-secure");
  }

  @Test
  void suggest_unrelatedQuery_printsNothingAndSucceeds() {
    Run r = run("kb", "suggest", "--articles", dir.toString(), "qwxz");

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEmpty();
  }

  @Test
  void suggest_badLanguageOrLimit_isAUsageError() {
    Run lang = run("kb", "suggest", "--articles", dir.toString(), "--lang", "Turkish", "dns");
    Run limit = run("kb", "suggest", "--articles", dir.toString(), "--limit", "0", "dns");

    assertThat(lang.code()).isEqualTo(Sysexits.USAGE);
    assertThat(lang.err()).contains("'Turkish'");
    assertThat(limit.code()).isEqualTo(Sysexits.USAGE);
  }

  @Test
  void suggest_badArticleFileOrMissingFolder_isADataErrorNamingIt() throws IOException {
    Run missing = run("kb", "suggest", "--articles", dir.resolve("nope").toString(), "dns");
    article("broken.en.md", "no title line\n");
    Run broken = run("kb", "suggest", "--articles", dir.toString(), "dns");

    assertThat(missing.code()).isEqualTo(Sysexits.DATAERR);
    assertThat(missing.err()).contains("nope");
    assertThat(broken.code()).isEqualTo(Sysexits.DATAERR);
    assertThat(broken.err()).contains("broken.en.md:1");
  }
}

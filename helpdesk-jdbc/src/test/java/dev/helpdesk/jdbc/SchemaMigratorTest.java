package dev.helpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SchemaMigratorTest {

  @Test
  void statements_multiLineScriptWithComments_splitsAtLineEndingSemicolons() {
    String script =
        "-- header comment\n"
            + "CREATE TABLE a (\n"
            + "  id INT -- not a comment line, kept\n"
            + ");\r\n"
            + "\n"
            + "  -- indented comment\n"
            + "CREATE INDEX a_id ON a (id);\n";

    assertThat(SchemaMigrator.statements(script))
        .containsExactly(
            "CREATE TABLE a (\nid INT -- not a comment line, kept\n)",
            "CREATE INDEX a_id ON a (id)");
  }

  @Test
  void statements_lastStatementWithoutSemicolon_isRejected() {
    assertThatThrownBy(() -> SchemaMigrator.statements("CREATE TABLE a (id INT);\nDROP TABLE a\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DROP TABLE a");
  }
}

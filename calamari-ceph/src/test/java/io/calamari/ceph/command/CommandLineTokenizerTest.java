package io.calamari.ceph.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineTokenizerTest {

    @Test
    void splitsAtRunsOfWhitespace() {
        assertThat(CommandLineTokenizer.tokenize("  ceph\tosd  pool\nls \r\n"))
                .containsExactly("ceph", "osd", "pool", "ls");
        assertThat(CommandLineTokenizer.tokenize("   ")).isEmpty();
    }

    @Test
    void singleQuotesKeepEverything() {
        assertThat(CommandLineTokenizer.tokenize("set k 'a \"b\" \\n $HOME'"))
                .containsExactly("set", "k", "a \"b\" \\n $HOME");
    }

    @Test
    void doubleQuotesEscapeOnlyTheShellsSpecialCharacters() {
        assertThat(CommandLineTokenizer.tokenize("\"it's \\\"quoted\\\" \\$HOME \\\\ \\n\""))
                .containsExactly("it's \"quoted\" $HOME \\ \\n");
    }

    @Test
    void backslashOutsideQuotesEscapesAnyCharacterAndJoinsLines() {
        assertThat(CommandLineTokenizer.tokenize("a\\ b c\\'d e\\\nf")).containsExactly("a b", "c'd", "ef");
    }

    @Test
    void adjacentPartsFormOneWordAndEmptyQuotesAreAWord() {
        assertThat(CommandLineTokenizer.tokenize("ab'c d'\"e\"f '' \"\"")).containsExactly("abc def", "", "");
    }

    @Test
    void shellSyntaxIsOrdinaryText() {
        assertThat(CommandLineTokenizer.tokenize("ceph osd dump; rm -rf / | cat & $(id) `id` * #x > out"))
                .containsExactly(
                        "ceph", "osd", "dump;", "rm", "-rf", "/", "|", "cat", "&", "$(id)", "`id`", "*", "#x", ">",
                        "out");
    }

    @Test
    void unbalancedQuotesAreRefusedWithThePosition() {
        assertThatThrownBy(() -> CommandLineTokenizer.tokenize("config-key set k 'abc"))
                .isInstanceOf(CommandLineException.class)
                .hasMessage("unbalanced quotes: the single quote at character 18 is never closed");
        assertThatThrownBy(() -> CommandLineTokenizer.tokenize("a \"b\\\""))
                .isInstanceOf(CommandLineException.class)
                .hasMessage("unbalanced quotes: the double quote at character 3 is never closed");
        assertThatThrownBy(() -> CommandLineTokenizer.tokenize("osd dump \\"))
                .isInstanceOf(CommandLineException.class)
                .hasMessageContaining("ends with a backslash");
    }
}

package io.calamari.ceph.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words with POSIX shell quoting and nothing else: words end at unquoted
 * spaces, tabs and line breaks; {@code '...'} keeps everything literally; {@code "..."} keeps
 * everything but a backslash before {@code $ ` " \} or a line break; an unquoted backslash keeps the
 * next character literally; a backslash before a line break joins the lines. Nothing is expanded or
 * interpreted: {@code $HOME}, {@code `...`}, {@code *}, {@code ;}, {@code |}, {@code &}, {@code <},
 * {@code >} and {@code #} are ordinary characters. For example {@code config-key set k "a b" 'c$d'}
 * gives {@code [config-key, set, k, a b, c$d]}. Stateless and thread-safe.
 */
public final class CommandLineTokenizer {
    private CommandLineTokenizer() {}

    /**
     * The words of {@code line}.
     *
     * @throws CommandLineException when a quote is not closed or the line ends in a backslash
     */
    public static List<String> tokenize(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int index = 0;
        while (index < line.length()) {
            char character = line.charAt(index);
            if (character == '\'') {
                int end = line.indexOf('\'', index + 1);
                if (end < 0) {
                    throw unterminated("single", index);
                }
                word.append(line, index + 1, end);
                inWord = true;
                index = end + 1;
            } else if (character == '"') {
                index = doubleQuoted(line, index, word);
                inWord = true;
            } else if (character == '\\') {
                if (index + 1 >= line.length()) {
                    throw new CommandLineException("the command line ends with a backslash that escapes nothing");
                }
                char escaped = line.charAt(index + 1);
                if (escaped != '\n') {
                    word.append(escaped);
                    inWord = true;
                }
                index += 2;
            } else if (isSeparator(character)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                index++;
            } else {
                word.append(character);
                inWord = true;
                index++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    /** Appends the contents of the double-quoted part opening at {@code open}; returns the index after it. */
    private static int doubleQuoted(String line, int open, StringBuilder word) {
        int index = open + 1;
        while (index < line.length()) {
            char character = line.charAt(index);
            if (character == '"') {
                return index + 1;
            }
            if (character == '\\' && index + 1 < line.length() && "$`\"\\\n".indexOf(line.charAt(index + 1)) >= 0) {
                if (line.charAt(index + 1) != '\n') {
                    word.append(line.charAt(index + 1));
                }
                index += 2;
            } else {
                word.append(character);
                index++;
            }
        }
        throw unterminated("double", open);
    }

    private static boolean isSeparator(char character) {
        return character == ' ' || character == '\t' || character == '\n' || character == '\r';
    }

    private static CommandLineException unterminated(String kind, int position) {
        return new CommandLineException(
                "unbalanced quotes: the " + kind + " quote at character " + (position + 1) + " is never closed");
    }
}

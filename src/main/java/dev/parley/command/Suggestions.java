package dev.parley.command;

import java.util.List;
import java.util.Optional;

/**
 * Finds the command a mistyped name was probably meant to be: the closest name or alias in any locale by edit
 * distance (insertions, deletions, substitutions and swaps of neighbours), within a tolerance that grows with the
 * name's length: none for one-character names, one edit up to four characters, two beyond.
 */
final class Suggestions {
    private Suggestions() {
    }

    /** @return the candidate with the closest name within tolerance; the earlier candidate on a tie */
    static Optional<CommandSpec> nearest(String typed, List<CommandSpec> candidates) {
        int[] word = Names.fold(typed).codePoints().toArray();
        CommandSpec best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (CommandSpec candidate : candidates) {
            for (List<String> names : candidate.namesByLocale().values()) {
                for (String name : names) {
                    int[] target = Names.fold(name).codePoints().toArray();
                    int distance = distance(word, target);
                    if (distance <= tolerance(target.length) && distance < bestDistance) {
                        best = candidate;
                        bestDistance = distance;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static int tolerance(int length) {
        return length <= 1 ? 0 : length <= 4 ? 1 : 2;
    }

    /** Optimal string alignment distance over code points. */
    static int distance(int[] a, int[] b) {
        int[][] d = new int[a.length + 1][b.length + 1];
        for (int i = 0; i <= a.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length][b.length];
    }
}

package com.misdeliveryguard.core.rules;

/**
 * Optimal string alignment distance (Damerau–Levenshtein restricted to non-overlapping edits): the
 * number of insertions, deletions, substitutions and adjacent transpositions between two strings,
 * compared by UTF-16 unit. {@code aoba-shoji} and {@code aoba-sohji} are 1 apart.
 */
final class EditDistance {

    private EditDistance() {
    }

    static int between(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[] previous2 = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, previous2[j - 2] + 1);
                }
                current[j] = best;
            }
            int[] recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }
        return previous[m];
    }
}

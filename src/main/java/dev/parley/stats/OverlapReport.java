package dev.parley.stats;

import java.util.List;

/**
 * Who is in several groups at once (open stints, active groups; the managed accounts themselves are not
 * counted). A group two accounts are in is one group.
 *
 * @param scope      the account's name, or {@code null} for all accounts
 * @param groups     groups considered
 * @param people     distinct people in them
 * @param inTwoPlus  people in at least two of them
 * @param topUsers   people in the most groups
 * @param labels     the largest groups, the rows and columns of {@code shared}
 * @param shared     people in both groups i and j (the diagonal: members of i)
 */
public record OverlapReport(String scope, long groups, long people, long inTwoPlus, List<Ranked> topUsers,
                            List<String> labels, long[][] shared) {
}

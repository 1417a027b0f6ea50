package dev.parley.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;

/**
 * Computes an {@link OverlapReport} from the open stints of active groups: one pass builds each person's set of
 * groups, which gives the people in two or more, the people in most, and the shared members of the largest
 * groups.
 */
final class OverlapStats {
    private static final int MATRIX = 8;
    private static final int TOP = 5;

    private final Jdbi jdbi;

    OverlapStats(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    OverlapReport report(Long accountId, String scope) {
        Map<String, Set<String>> groupsOf = new HashMap<>();
        Map<String, Set<String>> membersOf = new HashMap<>();
        Map<String, String> groupNames = new HashMap<>();
        Map<String, String> personNames = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT g.chat_id, COALESCE(g.name, g.chat_id), m.member_id, m.display_name
                        FROM group_members m JOIN `groups` g ON g.id = m.group_id
                        WHERE m.left_at IS NULL AND g.status = 'active'""" + (accountId == null ? "" : " AND g.account_id = :a") + """
                         AND m.member_id NOT IN (SELECT self_id FROM accounts WHERE self_id IS NOT NULL)""")
                .bindMap(accountId == null ? Map.of() : Map.of("a", accountId))
                .map((rs, ctx) -> {
                    String group = rs.getString(1);
                    String member = rs.getString(3);
                    groupNames.putIfAbsent(group, rs.getString(2));
                    if (rs.getString(4) != null) {
                        personNames.putIfAbsent(member, rs.getString(4));
                    }
                    groupsOf.computeIfAbsent(member, k -> new HashSet<>()).add(group);
                    membersOf.computeIfAbsent(group, k -> new HashSet<>()).add(member);
                    return null;
                }).list());
        long inTwoPlus = groupsOf.values().stream().filter(s -> s.size() >= 2).count();
        List<Ranked> top = groupsOf.entrySet().stream().filter(e -> e.getValue().size() >= 2)
                .sorted(Comparator.<Map.Entry<String, Set<String>>>comparingInt(e -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP)
                .map(e -> new Ranked(e.getKey(), personNames.getOrDefault(e.getKey(), e.getKey()), e.getValue().size()))
                .toList();
        List<String> largest = membersOf.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Set<String>>>comparingInt(e -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .limit(MATRIX).map(Map.Entry::getKey).toList();
        long[][] shared = new long[largest.size()][largest.size()];
        for (int i = 0; i < largest.size(); i++) {
            for (int j = 0; j < largest.size(); j++) {
                Set<String> a = membersOf.get(largest.get(i));
                Set<String> b = membersOf.get(largest.get(j));
                shared[i][j] = a.stream().filter(b::contains).count();
            }
        }
        List<String> labels = new ArrayList<>();
        largest.forEach(g -> labels.add(groupNames.get(g)));
        return new OverlapReport(scope, membersOf.size(), groupsOf.size(), inTwoPlus, top, labels, shared);
    }
}

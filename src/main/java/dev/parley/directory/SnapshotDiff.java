package dev.parley.directory;

import java.util.List;

/**
 * What applying a group's member list changed.
 *
 * @param groupId the {@code groups} row
 * @param first   whether it was the group's first member list (nobody "joined": everyone was already there)
 * @param members how many members the list had
 * @param joined  user ids whose stint it opened
 * @param left    user ids whose stint it closed
 */
public record SnapshotDiff(long groupId, boolean first, int members, List<String> joined, List<String> left) {
    /** Copies the lists. */
    public SnapshotDiff {
        joined = List.copyOf(joined);
        left = List.copyOf(left);
    }
}

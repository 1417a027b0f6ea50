package dev.parley.directory;

/**
 * One stint of a member in a group: a row of {@code group_members}. A member who leaves and comes back has
 * two. The stint covers {@code [joinedAt, leftAt)}.
 *
 * @param memberId    the member's user id
 * @param displayName the name shown in the group when last seen, or {@code null}
 * @param inviterId   who invited them, or {@code null} when unknown
 * @param joinedAt    when they joined (epoch ms), or {@code null}: already a member when Parley first saw the group
 * @param leftAt      when they left (epoch ms), or {@code null}: still a member
 */
public record Membership(String memberId, String displayName, String inviterId, Long joinedAt, Long leftAt) {
}

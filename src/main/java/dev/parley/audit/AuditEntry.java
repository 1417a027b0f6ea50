package dev.parley.audit;

/**
 * One line of the audit log: who did what, where, and how it ended.
 *
 * @param at      when, epoch ms
 * @param actor   {@code channel:user-id}
 * @param channel the channel it came through
 * @param chat    the chat it was typed in, or {@code null} for channels without chats
 * @param command the catalog id of the command, or {@code null} when it was not recognised
 * @param input   what was typed or pressed (a button press reads {@code [button] /cmd …})
 * @param result  {@code ok}, {@code denied}, {@code usage}, {@code error} or {@code unknown}
 * @param detail  the reason for anything but ok, else {@code null}
 */
public record AuditEntry(long at, String actor, String channel, String chat, String command, String input,
                         String result, String detail) {
}

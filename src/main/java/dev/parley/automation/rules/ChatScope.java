package dev.parley.automation.rules;

import java.util.Arrays;
import java.util.List;

import dev.parley.command.CommandException;
import dev.parley.message.ChatType;

/**
 * Which chats a rule answers in: {@code private}, {@code groups}, {@code all} (the default), or chat ids
 * ({@code wxid_…}, {@code …@chatroom}, phone JIDs) separated by commas.
 *
 * @param code  private, groups, all, or the ids joined by commas
 * @param chats the ids, empty for the first three
 */
record ChatScope(String code, List<String> chats) {
    /** Every chat. */
    static final ChatScope ALL = new ChatScope("all", List.of());
    private static final int MAX_LENGTH = 1024;

    /**
     * @param typed what was typed, or {@code null} for all
     * @return the scope
     */
    static ChatScope parse(String typed) {
        if (typed == null || typed.isBlank()) {
            return ALL;
        }
        String t = typed.strip();
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "all", "全部" -> {
                return ALL;
            }
            case "private", "私聊" -> {
                return new ChatScope("private", List.of());
            }
            case "groups", "group", "群", "群聊" -> {
                return new ChatScope("groups", List.of());
            }
            default -> {
                List<String> ids = Arrays.stream(t.split("[,，]")).map(String::strip).filter(s -> !s.isEmpty())
                        .distinct().toList();
                if (ids.isEmpty() || t.length() > MAX_LENGTH || ids.stream().anyMatch(id -> id.matches(".*\\s.*"))) {
                    throw new CommandException("rule.error.bad_chats", "chats", t);
                }
                return new ChatScope(String.join(",", ids), ids);
            }
        }
    }

    /**
     * @param type   the chat's type
     * @param chatId the chat
     * @return whether the rule answers there
     */
    boolean covers(ChatType type, String chatId) {
        return switch (code) {
            case "all" -> true;
            case "private" -> type == ChatType.PRIVATE;
            case "groups" -> type == ChatType.GROUP;
            default -> chats.contains(chatId);
        };
    }
}

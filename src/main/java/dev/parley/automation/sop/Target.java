package dev.parley.automation.sop;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.parley.automation.Tags;
import dev.parley.command.CommandException;

/**
 * Whom a broadcast goes to, as {@code to:} says: {@code tag:vip}, {@code group:客户群1,客户群2}, {@code chat:wxid_a}, or
 * several of them ({@code to:"tag:vip group:售后群"}, also separated by {@code ;}). Chinese kinds ({@code 标签:},
 * {@code 群:}, {@code 聊天:}) and full-width colons and commas are read too.
 *
 * @param tags   tags whose contacts and groups receive it, normalized
 * @param groups groups by name or id, as typed
 * @param chats  contacts or groups by name or id, as typed
 */
record Target(List<String> tags, List<String> groups, List<String> chats) {
    private static final Pattern PARTS = Pattern.compile("\\s*[;；]\\s*|\\s+(?=(?:tag|group|chat|标签|群|聊天)[:：])");
    private static final Pattern REFS = Pattern.compile("\\s*[,，、]\\s*");
    private static final Map<String, String> KINDS = Map.of("tag", "tag", "标签", "tag", "group", "group", "群", "group",
            "chat", "chat", "聊天", "chat");

    /**
     * @param typed the {@code to:} value
     * @return the target
     * @throws CommandException when a part has no known kind, or a tag is not one
     */
    static Target parse(String typed) {
        Set<String> tags = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        Set<String> chats = new LinkedHashSet<>();
        for (String part : PARTS.split(typed.strip())) {
            int colon = part.replace('：', ':').indexOf(':');
            String kind = colon < 0 ? null : KINDS.get(part.substring(0, colon).strip().toLowerCase(Locale.ROOT));
            if (kind == null) {
                throw new CommandException("sop.error.bad_target", "target", part);
            }
            for (String ref : REFS.split(part.substring(colon + 1).strip())) {
                if (ref.isBlank()) {
                    continue;
                }
                switch (kind) {
                    case "tag" -> tags.add(Tags.normal(ref)
                            .orElseThrow(() -> new CommandException("sop.error.bad_tag", "tag", ref)));
                    case "group" -> groups.add(ref.strip());
                    default -> chats.add(ref.strip());
                }
            }
        }
        if (tags.isEmpty() && groups.isEmpty() && chats.isEmpty()) {
            throw new CommandException("sop.error.bad_target", "target", typed);
        }
        return new Target(List.copyOf(tags), List.copyOf(groups), List.copyOf(chats));
    }

    /** @return the target written the way {@link #parse} reads it */
    String text() {
        List<String> parts = new ArrayList<>();
        if (!tags.isEmpty()) {
            parts.add("tag:" + String.join(",", tags));
        }
        if (!groups.isEmpty()) {
            parts.add("group:" + String.join(",", groups));
        }
        if (!chats.isEmpty()) {
            parts.add("chat:" + String.join(",", chats));
        }
        return String.join("; ", parts);
    }
}

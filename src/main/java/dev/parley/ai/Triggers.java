package dev.parley.ai;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.parley.message.ChatType;

/**
 * Which customer messages ask for a draft: every private text; in a group, a text that mentions the account or
 * contains one of the keywords of {@code parley.ai.keywords} (case-insensitive), never the rest of a group's chatter.
 */
public final class Triggers {
    private final List<String> keywords;

    /**
     * @param keywords comma-separated keywords, may be empty
     */
    public Triggers(String keywords) {
        this.keywords = Arrays.stream(keywords.split(",")).map(k -> k.strip().toLowerCase(Locale.ROOT))
                .filter(k -> !k.isEmpty()).toList();
    }

    /**
     * @param type          private or group
     * @param mentionsSelf  whether the message mentions the account
     * @param text          its text
     * @return whether it asks for a draft
     */
    public boolean fires(ChatType type, boolean mentionsSelf, String text) {
        if (type == ChatType.PRIVATE) {
            return true;
        }
        if (mentionsSelf) {
            return true;
        }
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return keywords.stream().anyMatch(lower::contains);
    }
}

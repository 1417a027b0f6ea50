package dev.parley.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.parley.message.MessageType;

import org.jdbi.v3.core.Jdbi;

/**
 * Answers searches with displayable messages: ids from the index, rows from MariaDB (the truth) in one
 * query, each with a snippet. A hit whose row has since been deleted is left out of the page.
 */
public final class SearchService {
    /** A sent message is automatic when the outbound row it was sent from has an origin (a rule, a broadcast). */
    private static final String LOAD = "SELECT m.id, m.account_id, m.chat_id, m.chat_type, m.sender_id, m.sender_name,"
            + " m.direction, m.msg_type, LEFT(m.text, " + IndexFields.MAX_TEXT_CHARS + ") AS text, m.sent_at,"
            + " (m.direction = 'out' AND EXISTS (SELECT 1 FROM outbound o WHERE o.account_id = m.account_id"
            + " AND o.sent_id = m.platform_msg_id AND o.origin IS NOT NULL)) AS automatic,"
            + " m.revoked_at IS NOT NULL AS withdrawn"
            + " FROM messages m WHERE m.id IN (<ids>)";

    private final MessageIndex index;
    private final Jdbi jdbi;

    private SearchService(MessageIndex index, Jdbi jdbi) {
        this.index = index;
        this.jdbi = jdbi;
    }

    /**
     * @param index the message index
     * @param jdbi  the database the index follows
     * @return the service
     */
    public static SearchService create(MessageIndex index, Jdbi jdbi) {
        return new SearchService(index, jdbi);
    }

    /**
     * @param query what to find
     * @return the total and the page, with snippets
     */
    public SearchPage search(SearchQuery query) {
        SearchResult result = index.search(query);
        List<FoundMessage> found = new ArrayList<>();
        for (MessageView message : load(result.messageIds())) {
            found.add(new FoundMessage(message, Snippets.excerpt(message.text(), query.text())));
        }
        return new SearchPage(result.total(), found);
    }

    /**
     * Loads messages in one query.
     *
     * @param ids message ids
     * @return the messages that exist, in the order of {@code ids}
     */
    public List<MessageView> load(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, MessageView> byId = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery(LOAD).bindList("ids", ids)
                .map((rs, ctx) -> new MessageView(rs.getLong("id"), rs.getLong("account_id"), rs.getString("chat_id"),
                        rs.getString("chat_type"), rs.getString("sender_id"), rs.getString("sender_name"),
                        rs.getString("direction"), type(rs.getString("msg_type")), rs.getString("text"),
                        rs.getLong("sent_at"), rs.getBoolean("automatic"), rs.getBoolean("withdrawn")))
                .forEach(view -> byId.put(view.id(), view)));
        List<MessageView> ordered = new ArrayList<>(byId.size());
        for (Long id : ids) {
            MessageView view = byId.get(id);
            if (view != null) {
                ordered.add(view);
            }
        }
        return ordered;
    }

    private static MessageType type(String code) {
        try {
            return MessageType.fromCode(code);
        } catch (IllegalArgumentException e) {
            return MessageType.UNKNOWN;
        }
    }
}

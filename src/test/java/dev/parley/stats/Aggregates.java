package dev.parley.stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;

/** Every row of the daily statistics tables as text, in key order, to compare two states of them. */
final class Aggregates {
    private static final Map<String, String> TABLES = Map.of(
            "stats_chat_days", "account_id, chat_id, day",
            "stats_chat_hours", "account_id, chat_id, day, hour",
            "stats_chat_types", "account_id, chat_id, day, msg_type",
            "stats_chat_senders", "account_id, chat_id, day, sender_id",
            "stats_chat_sender_months", "account_id, chat_id, month, sender_id",
            "stats_group_days", "group_id, day");

    private Aggregates() {
    }

    static Map<String, List<String>> dump(Jdbi jdbi) {
        Map<String, List<String>> dump = new LinkedHashMap<>();
        jdbi.useHandle(h -> TABLES.forEach((table, key) -> dump.put(table, h.createQuery("SELECT * FROM " + table
                        + " ORDER BY " + key)
                .map((rs, ctx) -> {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.append(rs.getString(i)).append('|');
                    }
                    return row.toString();
                }).list())));
        return dump;
    }
}

package dev.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.Parley;
import dev.parley.ai.Conversations;
import dev.parley.ai.Triggers;
import dev.parley.directory.DirectoryQueries.GroupRow;
import dev.parley.stats.StatsWindow;

/**
 * The statistics section of {@code ./parley bench}: one group with a year of history (membership events and
 * messages, bulk-inserted), the aggregates built from it by the real aggregator, then {@code /stats group … 365d}
 * through the HTTP command channel (figures, card and PNG chart) next to a naive baseline that computes the same
 * figures with GROUP BY straight over {@code messages} and {@code group_events}.
 */
final class StatsBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "bench-stats@chatroom";
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final int REGULARS = 300;
    private static final long STAY = Duration.ofDays(7).toMillis();
    private static final String[] TYPES = {"text", "text", "text", "text", "text", "text", "text", "text", "image", "emoji"};

    private final Parley parley;
    private final String token;
    private final Consumer<String> line;
    private final Consumer<String> progress;

    StatsBench(Parley parley, String token, Consumer<String> line, Consumer<String> progress) {
        this.parley = parley;
        this.token = token;
        this.line = line;
        this.progress = progress;
    }

    void run(long messages, long events, int queries) throws Exception {
        long now = System.currentTimeMillis();
        long from = now - 365 * DAY;
        long account = parley.db().jdbi().withHandle(h -> h.createUpdate("""
                        INSERT INTO accounts (platform, external_id, self_id, status, created_at)
                        VALUES ('wechat', 'wx_stats_bench', 'wxid_stats_bench', 'online', 0)""")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        long group = parley.db().jdbi().withHandle(h -> h.createUpdate("""
                        INSERT INTO `groups` (account_id, chat_id, name, member_count, first_seen_at, synced_at, updated_at)
                        VALUES (:a, :c, 'Bench stats group', 0, :from, :from, :from)""")
                .bind("a", account).bind("c", CHAT).bind("from", from).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        progress.accept(String.format(Locale.ROOT, "stats: inserting %,d membership events and %,d messages over 365 days", events, messages));
        long started = System.nanoTime();
        int members = membership(group, events, from, now);
        insertMessages(account, messages, (events + 1) / 2, from, now);
        long recorded = parley.db().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM group_events")
                .mapTo(Long.class).one());
        double insertSeconds = (System.nanoTime() - started) / 1e9;

        progress.accept("stats: building the daily aggregates");
        started = System.nanoTime();
        parley.statsAggregator().catchUp();
        double aggregateSeconds = (System.nanoTime() - started) / 1e9;
        long aggregateRows = parley.db().jdbi().withHandle(h -> h.createQuery("""
                SELECT (SELECT COUNT(*) FROM stats_chat_days) + (SELECT COUNT(*) FROM stats_chat_hours)
                     + (SELECT COUNT(*) FROM stats_chat_types) + (SELECT COUNT(*) FROM stats_chat_senders)
                     + (SELECT COUNT(*) FROM stats_group_days)""").mapTo(Long.class).one());

        progress.accept(String.format(Locale.ROOT, "stats: %d × /stats group 365d over HTTP, and the naive GROUP BY baseline", queries));
        HttpClient http = HttpClient.newHttpClient();
        URI api = URI.create("http://127.0.0.1:" + parley.port() + "/api/commands");
        for (int i = 0; i < 3; i++) {
            command(http, api);
            naive(account, group, from, now);
        }
        long[] viaCommand = new long[queries];
        long[] viaNaive = new long[Math.max(3, queries / 5)];
        long[] viaStats = new long[queries];
        GroupRow row = parley.directory().queries().find(CHAT, account).get(0);
        LocalDate today = LocalDate.now(parley.stats().zone());
        StatsWindow window = new StatsWindow(today.minusDays(364), today, parley.stats().zone());
        for (int i = 0; i < viaStats.length; i++) {
            long t = System.nanoTime();
            parley.stats().group(row, "wxid_stats_bench", window);
            viaStats[i] = System.nanoTime() - t;
        }
        for (int i = 0; i < viaCommand.length; i++) {
            long t = System.nanoTime();
            command(http, api);
            viaCommand[i] = System.nanoTime() - t;
        }
        for (int i = 0; i < viaNaive.length; i++) {
            long t = System.nanoTime();
            naive(account, group, from, now);
            viaNaive[i] = System.nanoTime() - t;
        }
        line.accept("");
        line.accept(String.format(Locale.ROOT, "Statistics: one group, 365 days, %,d membership events, %,d messages"
                + " (%d regulars, newcomers staying up to a week; %,d members now)", recorded, messages, REGULARS, members));
        line.accept(String.format(Locale.ROOT, "  history bulk-inserted in %.1f s; aggregates built by the aggregator in %.1f s"
                + " (%,.0f source rows/s, %,d aggregate rows)", insertSeconds, aggregateSeconds,
                (messages + recorded) / aggregateSeconds, aggregateRows));
        line.accept(String.format(Locale.ROOT, "  %-52s p50 %7.1f ms · p99 %7.1f ms  (%d runs)", "/stats group 365d over HTTP (aggregates, card + PNG)",
                ms(viaCommand, 50), ms(viaCommand, 99), viaCommand.length));
        line.accept(String.format(Locale.ROOT, "  %-52s p50 %7.1f ms · p99 %7.1f ms  (%d runs)", "the figures alone (Stats.group in process)",
                ms(viaStats, 50), ms(viaStats, 99), viaStats.length));
        line.accept(String.format(Locale.ROOT, "  %-52s p50 %7.1f ms · p99 %7.1f ms  (%d runs)", "same figures by GROUP BY over messages (naive)",
                ms(viaNaive, 50), ms(viaNaive, 99), viaNaive.length));
        drafting(account, queries);
    }

    /**
     * What AI drafting reads when a member of this million-message group asks for a draft: the unanswered burst and
     * the conversation for the prompt, along the chat's time index, next to the same reads by id over the whole chat
     * (how they were written first).
     */
    private void drafting(long account, int queries) throws SQLException {
        progress.accept(String.format(Locale.ROOT, "stats: %d × the reads of an AI draft, and the by-id baseline", queries));
        Conversations conversations = new Conversations(parley.db().jdbi(), new Triggers(""));
        long[] viaIndex = new long[queries];
        long[] viaIds = new long[Math.max(3, queries / 5)];
        for (int i = 0; i < viaIndex.length; i++) {
            long t = System.nanoTime();
            conversations.burst(account, CHAT);
            conversations.recent(account, CHAT, Long.MAX_VALUE, 20);
            viaIndex[i] = System.nanoTime() - t;
        }
        try (Connection c = parley.db().dataSource().getConnection()) {
            for (int i = 0; i < viaIds.length; i++) {
                long t = System.nanoTime();
                byIds(c, account);
                viaIds[i] = System.nanoTime() - t;
            }
        }
        line.accept(String.format(Locale.ROOT, "  %-52s p50 %7.1f ms · p99 %7.1f ms  (%d runs)",
                "AI draft reads (burst + last 20 turns, time index)", ms(viaIndex, 50), ms(viaIndex, 99), viaIndex.length));
        line.accept(String.format(Locale.ROOT, "  %-52s p50 %7.1f ms · p99 %7.1f ms  (%d runs)",
                "same reads by id over the whole chat (baseline)", ms(viaIds, 50), ms(viaIds, 99), viaIds.length));
    }

    private static void byIds(Connection c, long account) throws SQLException {
        List<String> queries = List.of("""
                SELECT m.id, m.chat_type, m.text FROM messages m
                WHERE m.account_id = %d AND m.chat_id = '%s' AND m.direction = 'in' AND m.msg_type = 'text'
                  AND m.text IS NOT NULL AND m.id > COALESCE((SELECT MAX(id) FROM messages WHERE account_id = %d
                  AND chat_id = '%s' AND direction = 'out'), 0)
                ORDER BY m.id DESC LIMIT 20""".formatted(account, CHAT, account, CHAT), """
                SELECT direction, text FROM messages WHERE account_id = %d AND chat_id = '%s' AND msg_type = 'text'
                  AND text IS NOT NULL ORDER BY id DESC LIMIT 20""".formatted(account, CHAT));
        for (String sql : queries) {
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rs.getString(2);
                }
            }
        }
    }

    /**
     * A group as WeChat allows it (at most 500 members at a time): 300 regulars there before the year, and
     * newcomers joining evenly through the year who each stay up to a week, one join and one leave event each.
     */
    private int membership(long group, long events, long from, long now) throws SQLException {
        Random random = new Random(21);
        long joins = (events + 1) / 2;
        long window = now - from - DAY;
        int open = REGULARS;
        try (Connection c = parley.db().dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement stint = c.prepareStatement("INSERT INTO group_members (group_id, member_id, display_name,"
                    + " inviter_id, joined_at, left_at) VALUES (?,?,?,?,?,?)");
                 PreparedStatement event = c.prepareStatement("INSERT INTO group_events (group_id, kind, actor_id, member_id,"
                         + " detail, occurred_at) VALUES (?,?,?,?,?,?)")) {
                for (int i = 0; i < REGULARS; i++) {
                    stint.setLong(1, group);
                    stint.setString(2, "wxid_r" + i);
                    stint.setString(3, "R" + i);
                    stint.setString(4, null);
                    stint.setObject(5, null);
                    stint.setObject(6, null);
                    stint.addBatch();
                }
                stint.executeBatch();
                for (long i = 0; i < joins; i++) {
                    String member = "wxid_n" + i;
                    String inviter = "wxid_r" + random.nextInt(REGULARS);
                    long joined = from + (long) ((i + random.nextDouble()) / joins * window);
                    long leftAt = joined + 1 + (long) (random.nextDouble() * STAY);
                    Long left = leftAt < now ? leftAt : null;
                    stint.setLong(1, group);
                    stint.setString(2, member);
                    stint.setString(3, "N" + i);
                    stint.setString(4, inviter);
                    stint.setLong(5, joined);
                    stint.setObject(6, left);
                    stint.addBatch();
                    addEvent(event, group, "join", inviter, member, joined);
                    if (left != null) {
                        addEvent(event, group, random.nextInt(4) == 0 ? "kick" : "leave", null, member, left);
                    } else {
                        open++;
                    }
                    if ((i + 1) % 1000 == 0 || i + 1 == joins) {
                        stint.executeBatch();
                        event.executeBatch();
                        c.commit();
                    }
                }
            }
        }
        return open;
    }

    private static void addEvent(PreparedStatement event, long group, String kind, String actor, String member, long at)
            throws SQLException {
        event.setLong(1, group);
        event.setString(2, kind);
        event.setString(3, actor);
        event.setString(4, member);
        event.setString(5, kind.equals("join") ? "invite" : null);
        event.setLong(6, at);
        event.addBatch();
    }

    /**
     * 85 % of the messages from the regulars, skewed (a few talk a lot); the rest from newcomers who joined in the
     * days before; 80 % text; one in fifty from the account itself.
     */
    private void insertMessages(long account, long count, long joins, long from, long now) throws SQLException {
        Random random = new Random(22);
        try (Connection c = parley.db().dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO messages (account_id, platform_msg_id, chat_id, chat_type, sender_id, direction, msg_type,
                      text, sent_at, received_at) VALUES (?,?,?,'group',?,?,?,?,?,?)""")) {
                for (long n = 0; n < count; n++) {
                    boolean out = random.nextInt(50) == 0;
                    double r = random.nextDouble();
                    long at = from + (long) (random.nextDouble() * (now - from));
                    insert.setLong(1, account);
                    insert.setString(2, "stats" + n);
                    insert.setString(3, CHAT);
                    long newcomer = (long) ((at - from) / (double) (now - from - DAY) * joins) - random.nextInt(300);
                    String sender = random.nextInt(100) < 85 ? "wxid_r" + (int) (REGULARS * r * r)
                            : "wxid_n" + Math.max(0, Math.min(joins - 1, newcomer));
                    insert.setString(4, out ? "wxid_stats_bench" : sender);
                    insert.setString(5, out ? "out" : "in");
                    insert.setString(6, TYPES[random.nextInt(TYPES.length)]);
                    insert.setString(7, "消息 " + n);
                    insert.setLong(8, at);
                    insert.setLong(9, at);
                    insert.addBatch();
                    if ((n + 1) % 1000 == 0 || n + 1 == count) {
                        insert.executeBatch();
                        c.commit();
                    }
                    if ((n + 1) % 200_000 == 0) {
                        progress.accept(String.format(Locale.ROOT, "stats:   %,d of %,d messages", n + 1, count));
                    }
                }
            }
        }
    }

    private void command(HttpClient http, URI api) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("text", "/stats group " + CHAT + " 365d").put("locale", "en").toString();
        HttpRequest request = HttpRequest.newBuilder(api).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("data:image/png;base64,")) {
            throw new IllegalStateException("/stats group failed: " + response.statusCode() + " "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
    }

    /** The group card's figures computed without aggregates: what /stats group would cost reading the raw tables. */
    private void naive(long account, long group, long from, long now) throws SQLException {
        List<String> queries = List.of(
                "SELECT COUNT(DISTINCT member_id) FROM group_members WHERE group_id = " + group
                        + " AND (joined_at IS NULL OR joined_at <= " + (from - 1) + ") AND (left_at IS NULL OR left_at > " + (from - 1) + ")",
                "SELECT COUNT(DISTINCT member_id) FROM group_members WHERE group_id = " + group
                        + " AND (joined_at IS NULL OR joined_at <= " + now + ") AND (left_at IS NULL OR left_at > " + now + ")",
                "SELECT DATE(FROM_UNIXTIME(occurred_at / 1000)) d, SUM(kind = 'join'), SUM(kind IN ('leave', 'kick'))"
                        + " FROM group_events WHERE group_id = " + group + " AND occurred_at >= " + from + " GROUP BY d",
                "SELECT actor_id, COUNT(*) n FROM group_events WHERE group_id = " + group + " AND kind = 'join' AND occurred_at >= "
                        + from + " GROUP BY actor_id ORDER BY n DESC LIMIT 5",
                messages(account, from, "DATE(FROM_UNIXTIME(sent_at / 1000)) d, COUNT(*)", "d"),
                messages(account, from, "HOUR(FROM_UNIXTIME(sent_at / 1000)) h, COUNT(*)", "h"),
                messages(account, from, "msg_type, COUNT(*)", "msg_type"),
                messages(account, from, "sender_id, COUNT(*) n", "sender_id ORDER BY n DESC"));
        try (Connection c = parley.db().dataSource().getConnection()) {
            for (String sql : queries) {
                try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
            }
        }
    }

    private static String messages(long account, long from, String select, String groupBy) {
        return "SELECT " + select + " FROM messages WHERE account_id = " + account + " AND chat_id = '" + CHAT
                + "' AND sent_at >= " + from + " AND msg_type NOT IN ('system', 'revoke') GROUP BY " + groupBy;
    }

    private static double ms(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1] / 1e6;
    }
}

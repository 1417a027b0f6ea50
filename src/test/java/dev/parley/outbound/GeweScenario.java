package dev.parley.outbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.parley.connector.gewe.FakeGeweCallbacks;
import dev.parley.connector.gewe.FakeGeweRequest;
import dev.parley.connector.gewe.FakeGeweServer;
import dev.parley.console.CommandClient;
import dev.parley.testing.TestParley;

/**
 * A whole Parley wired to a fake GeWe server, with the accounts, groups and contacts outbound tests send to. Pacing
 * is shortened (tests assert the rules, not GeWe's real minutes); each test class starts one scenario and gives each
 * test its own accounts, so tests do not wait on each other's queues.
 */
public final class GeweScenario implements AutoCloseable {
    private final FakeGeweServer gewe;
    private final TestParley app;
    private int bots;

    private GeweScenario(FakeGeweServer gewe, TestParley app) {
        this.gewe = gewe;
        this.app = app;
    }

    /**
     * @param purpose  names the database and data directory
     * @param settings {@code parley.*} settings (without the prefix) over the fast test defaults
     * @return a started scenario
     */
    public static GeweScenario start(String purpose, Map<String, String> settings) {
        FakeGeweServer gewe = FakeGeweServer.start();
        Map<String, String> all = new HashMap<>(Map.of(
                "gewe.base.url", gewe.baseUrl().toString(),
                "gewe.token", gewe.token(),
                "gewe.request.timeout.ms", "3000",
                "outbound.gap.ms", "30",
                "outbound.group.gap.min.ms", "60",
                "outbound.group.gap.max.ms", "90",
                "outbound.retry.base.ms", "40",
                "outbound.retry.max.ms", "200",
                "outbound.offline.check.ms", "200",
                "media.gap.min.ms", "50"));
        all.put("media.gap.max.ms", "80");
        all.putAll(settings);
        try {
            return new GeweScenario(gewe, TestParley.start(purpose, all));
        } catch (RuntimeException e) {
            gewe.close();
            throw e;
        }
    }

    /** @return the fake GeWe server */
    public FakeGeweServer gewe() {
        return gewe;
    }

    /** @return the running service */
    public TestParley app() {
        return app;
    }

    /** @return an emitter of GeWe callbacks to the service's webhook */
    public FakeGeweCallbacks callbacks() {
        return gewe.callbacks(URI.create(app.uri() + "/webhooks/gewe/" + TestParley.GEWE_SECRET));
    }

    /**
     * A WeChat account online at the fake, known to Parley (it delivered a callback).
     *
     * @param nickname its nickname
     * @return the account
     */
    public Bot bot(String nickname) {
        String wxid = "wxid_bot" + (++bots) + "_" + Long.toHexString(System.nanoTime() & 0xFFFFF);
        String appId = gewe.onlineDevice(wxid, nickname);
        callbacks().privateText(appId, "wxid_hello", "hello");
        long id = app.count("SELECT id FROM accounts WHERE external_id = '" + appId + "'");
        app.parley().db().jdbi().useHandle(h -> h.createUpdate("UPDATE accounts SET nickname = :n WHERE id = :id")
                .bind("n", nickname).bind("id", id).execute());
        return new Bot(id, appId, wxid);
    }

    /**
     * Records a group of a bot as group sync would.
     *
     * @param bot         the account
     * @param roomId      the group id
     * @param name        its name
     * @param memberCount the member count the platform reported
     * @param members     current members: wxid, in-group name, wxid, in-group name…
     */
    public void group(Bot bot, String roomId, String name, int memberCount, String... members) {
        app.parley().db().jdbi().useHandle(h -> {
            long groupId = h.createUpdate("INSERT INTO `groups` (account_id, chat_id, name, member_count, first_seen_at,"
                            + " updated_at) VALUES (:a, :c, :n, :m, 0, 0)")
                    .bind("a", bot.id()).bind("c", roomId).bind("n", name).bind("m", memberCount)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            for (int i = 0; i + 1 < members.length; i += 2) {
                h.createUpdate("INSERT INTO group_members (group_id, member_id, display_name) VALUES (:g, :m, :d)")
                        .bind("g", groupId).bind("m", members[i]).bind("d", members[i + 1]).execute();
            }
        });
    }

    /**
     * Records a friend of a bot as contact sync would.
     *
     * @param bot      the account
     * @param wxid     the friend
     * @param nickname their nickname
     * @param remark   the bot's remark for them, or {@code null}
     */
    public void contact(Bot bot, String wxid, String nickname, String remark) {
        app.parley().db().jdbi().useHandle(h -> h.createUpdate("INSERT INTO contacts (account_id, contact_id, nickname,"
                        + " remark, updated_at) VALUES (:a, :c, :n, :r, 0)")
                .bind("a", bot.id()).bind("c", wxid).bind("n", nickname).bind("r", remark).execute());
    }

    /**
     * Runs a command as {@code http:admin} (an owner).
     *
     * @param text   the command
     * @param locale the locale
     * @return the answer
     */
    public CommandClient.Response run(String text, String locale) {
        return app.run(text, locale);
    }

    /**
     * Runs a command as another {@code http:} user.
     *
     * @param user   the user name
     * @param text   the command
     * @param locale the locale
     * @return the answer
     */
    public CommandClient.Response runAs(String user, String text, String locale) {
        try {
            return app.commands().run(text, locale, user);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Presses a button as {@code http:admin}.
     *
     * @param action the button's action id
     * @return the answer
     */
    public CommandClient.Response press(String action) {
        try {
            return app.commands().press(action, "en", "admin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param bot an account
     * @return the texts the fake accepted from it, in order
     */
    public List<FakeGeweRequest> sentBy(Bot bot) {
        return gewe.sent().stream().filter(r -> bot.appId().equals(r.field("appId"))).toList();
    }

    /**
     * @param id an outbound id
     * @return its state
     */
    public String state(long id) {
        return app.parley().db().jdbi().withHandle(h -> h.createQuery("SELECT state FROM outbound WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    /**
     * @param bot an account
     * @return the id of its latest outbound message
     */
    public long lastOutbound(Bot bot) {
        return app.count("SELECT MAX(id) FROM outbound WHERE account_id = " + bot.id());
    }

    /**
     * Waits for background work.
     *
     * @param condition what must become true
     * @param within    how long it may take
     * @return whether it did
     */
    public static boolean eventually(BooleanSupplier condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            gewe.close();
        }
    }

    /**
     * A managed account of the scenario.
     *
     * @param id    its row id in Parley
     * @param appId its GeWe device id
     * @param wxid  its own wxid
     */
    public record Bot(long id, String appId, String wxid) {
    }
}

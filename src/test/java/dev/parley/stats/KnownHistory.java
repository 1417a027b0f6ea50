package dev.parley.stats;

import static dev.parley.connector.gewe.FakeGeweServer.member;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.parley.connector.gewe.FakeGeweCallbacks;
import dev.parley.connector.gewe.FakeGeweServer;
import dev.parley.connector.gewe.GeweCallbackFixtures;
import dev.parley.connector.gewe.GeweCallbackFixtures.Person;

/**
 * A history with known answers, replayed through the GeWe webhook as GeWe would deliver it: three groups
 * whose members the fake lists at the first sync, joins and kicks announced by notices on known days, group
 * messages of known hours and types, and private chats whose reply delays have known percentiles. All times
 * are set through the callbacks' create times, in the service's zone (Asia/Shanghai in tests), relative to
 * {@link #d0}, ten days ago.
 *
 * <p>The answers, window {@code d0 … d0+6}:
 * <ul>
 * <li>Alpha: 6 members at the start (bot, u1–u5); u1 invites n1 and n2 on d0+1 10:00, u2 invites n3 on d0+2 09:00;
 *     n1 kicked d0+3 12:00, u5 kicked d0+5 15:00. Members per day 6, 8, 9, 8, 8, 7, 7; churn 2/6.</li>
 * <li>Alpha messages: d0 08:10/08:20/08:30 u1 text; d0+1 20:05/20:15 u2 text; d0+2 08:40 u3 image; d0+4 13:00 n2 text,
 *     13:30 n2 sticker; d0+6 08:50 the bot; and d0−1 10:00 u4 (outside the window).</li>
 * <li>Private: c1 d0 09:00:00 + 09:00:30, reply 09:01:00 (60 s); d0+1 10:00 → 10:02 (120 s); c2 d0+2 11:00:00 →
 *     11:00:10 (10 s), a second reply 11:05 (not a reply to anything); d0+3 14:00 → 14:30 (1,800 s); c3 d0+4 16:00 →
 *     16:05 (300 s), d0+5 18:00 unanswered; c4 d0+6 07:00 unanswered. p50 = 120 s, p90 = 1,800 s, 2 unanswered.</li>
 * <li>Now: u6 writes in Beta (the last 24 hours), after the account's first "hi" from c1.</li>
 * </ul>
 */
final class KnownHistory {
    static final String BOT = "wxid_sbot";
    static final String ALPHA = "alpha@chatroom";
    static final String BETA = "beta@chatroom";
    static final String GAMMA = "gamma@chatroom";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();

    final LocalDate d0 = LocalDate.now(ZONE).minusDays(10);
    private final FakeGeweServer fake;
    private final FakeGeweCallbacks callbacks;
    private final String appId;
    private long nextId = 7_000_000_000_000_000_000L;
    private final List<String> delivered = new ArrayList<>();

    /** Declares the fake's friends and groups as they are before the history starts. */
    static void declare(FakeGeweServer fake) {
        for (String c : List.of("c1", "c2", "c3", "c4")) {
            fake.friend("wxid_" + c, "Customer " + c);
        }
        fake.room(ALPHA, "Alpha 一群", "wxid_u1", member(BOT, "Bot"), member("wxid_u1", "U1"), member("wxid_u2", "U2"),
                        member("wxid_u3", "U3"), member("wxid_u4", "U4"), member("wxid_u5", "U5"))
                .room(BETA, "Beta", "wxid_u1", member(BOT, "Bot"), member("wxid_u1", "U1"), member("wxid_u2", "U2"),
                        member("wxid_u6", "U6"))
                .room(GAMMA, "Gamma", "wxid_u1", member(BOT, "Bot"), member("wxid_u1", "U1"), member("wxid_u7", "U7"));
    }

    KnownHistory(FakeGeweServer fake, FakeGeweCallbacks callbacks, String appId) {
        this.fake = fake;
        this.callbacks = callbacks;
        this.appId = appId;
    }

    /** Posts the whole history; returns every body posted (to deliver again). */
    List<String> replay() {
        invite(1, "10:00", "wxid_u1", "n1", "n2");
        invite(2, "09:00", "wxid_u2", "n3");
        kick(3, "12:00", "n1");
        kick(5, "15:00", "u5");

        group(-1, "10:00", "wxid_u4", 1);
        group(0, "08:10", "wxid_u1", 1);
        group(0, "08:20", "wxid_u1", 1);
        group(0, "08:30", "wxid_u1", 1);
        group(1, "20:05", "wxid_u2", 1);
        group(1, "20:15", "wxid_u2", 1);
        group(2, "08:40", "wxid_u3", 3);
        group(4, "13:00", "wxid_n2", 1);
        group(4, "13:30", "wxid_n2", 47);
        group(6, "08:50", BOT, 1);

        in(0, "09:00:00", "c1");
        in(0, "09:00:30", "c1");
        out(0, "09:01:00", "c1");
        in(1, "10:00:00", "c1");
        out(1, "10:02:00", "c1");
        in(2, "11:00:00", "c2");
        out(2, "11:00:10", "c2");
        out(2, "11:05:00", "c2");
        in(3, "14:00:00", "c2");
        out(3, "14:30:00", "c2");
        in(4, "16:00:00", "c3");
        out(4, "16:05:00", "c3");
        in(5, "18:00:00", "c3");
        in(6, "07:00:00", "c4");

        post(GeweCallbackFixtures.groupText(appId, BOT, BETA, "wxid_u6", "now", id(), System.currentTimeMillis() / 1000));
        return delivered;
    }

    /** The number of group events the replay records (3 joins, 2 kicks). */
    static final int EVENTS = 5;

    long at(int day, String time) {
        return LocalDateTime.of(d0.plusDays(day), LocalTime.parse(time)).atZone(ZONE).toInstant().toEpochMilli();
    }

    private void invite(int day, String time, String inviter, String... joined) {
        List<Person> people = new ArrayList<>();
        for (String n : joined) {
            fake.addMember(ALPHA, member("wxid_" + n, "N" + n.substring(1)).invitedBy(inviter));
            people.add(new Person("wxid_" + n, "N" + n.substring(1)));
        }
        post(GeweCallbackFixtures.membersInvited(appId, BOT, ALPHA, new Person(inviter, inviter.substring(5).toUpperCase()),
                people, id(), at(day, time) / 1000));
    }

    private void kick(int day, String time, String who) {
        fake.removeMember(ALPHA, "wxid_" + who);
        post(GeweCallbackFixtures.memberRemoved(appId, BOT, ALPHA, new Person("wxid_" + who, who.toUpperCase()), id(),
                at(day, time) / 1000));
    }

    private void group(int day, String time, String sender, int msgType) {
        String body = GeweCallbackFixtures.groupText(appId, BOT, ALPHA, sender, "m " + day + " " + time, id(),
                at(day, time) / 1000);
        post(msgType == 1 ? body : withType(body, msgType));
    }

    private void in(int day, String time, String customer) {
        post(GeweCallbackFixtures.privateText(appId, BOT, "wxid_" + customer, "q " + time, id(), at(day, time) / 1000));
    }

    private void out(int day, String time, String customer) {
        post(GeweCallbackFixtures.privateTextSent(appId, BOT, "wxid_" + customer, "a " + time, id(), at(day, time) / 1000));
    }

    private void post(String body) {
        int status = callbacks.post(body);
        if (status != 200) {
            throw new IllegalStateException("webhook answered " + status + " to " + body);
        }
        delivered.add(body);
    }

    private String id() {
        return Long.toUnsignedString(nextId++);
    }

    private static String withType(String body, int msgType) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(body);
            ((ObjectNode) tree.get("Data")).put("MsgType", msgType);
            return tree.toString();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** @return the settings of a service that talks to the fake and reads group events quickly */
    static Map<String, String> settings(FakeGeweServer fake) {
        return Map.of("gewe.base.url", fake.baseUrl().toString(), "gewe.token", fake.token(),
                "sync.pace.min.ms", "10", "sync.pace.max.ms", "20", "sync.debounce.ms", "300", "sync.progress.ms", "0",
                "stats.poll.ms", "200");
    }
}

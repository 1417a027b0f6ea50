package dev.parley.alert;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jdbi.v3.core.Jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Raises and resolves alerts. An alert is notified when it becomes active, reminded at most once per
 * reminder interval while it stays active, and notified once more when it is resolved; raising it again
 * in between changes nothing. State lives in MariaDB, so a restart does not notify everything again.
 */
public final class Alerts {
    private static final Logger LOG = Logger.getLogger(Alerts.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final InstantSource clock;
    private final Duration remindEvery;
    private final List<AlertSink> sinks = new CopyOnWriteArrayList<>();
    private final Counter sent;

    /**
     * @param jdbi        the database
     * @param clock       source of times
     * @param remindEvery how often an alert that stays active is notified again
     * @param registry    where {@code parley_alerts_sent_total{rule}} goes
     */
    public Alerts(Jdbi jdbi, InstantSource clock, Duration remindEvery, PrometheusRegistry registry) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.remindEvery = remindEvery;
        this.sent = Counter.builder()
                .name("parley_alerts_sent_total")
                .help("Alert notifications sent (raised, reminders and resolutions) by rule")
                .labelNames("rule")
                .register(registry);
    }

    /**
     * @param sink where notices go from now on
     */
    public void addSink(AlertSink sink) {
        sinks.add(sink);
    }

    /**
     * Makes the alert active; notifies when it was not, or when the last notification is older than the
     * reminder interval.
     *
     * @param alert the alert
     * @return whether a notice went out
     */
    public boolean raise(Alert alert) {
        long now = clock.millis();
        Optional<AlertNotice> notice = jdbi.inTransaction(h -> {
            Optional<long[]> existing = h.createQuery("SELECT notified_at, notifications, state = 'active' FROM alert_state"
                            + " WHERE rule = :rule AND alert_key = :key FOR UPDATE")
                    .bind("rule", alert.rule()).bind("key", alert.key())
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getInt(2), rs.getBoolean(3) ? 1 : 0}).findOne();
            if (existing.isPresent() && existing.get()[2] == 1) {
                if (now - existing.get()[0] < remindEvery.toMillis()) {
                    return Optional.<AlertNotice>empty();
                }
                int count = (int) existing.get()[1] + 1;
                h.createUpdate("UPDATE alert_state SET notified_at = :now, notifications = :count"
                                + " WHERE rule = :rule AND alert_key = :key")
                        .bind("now", now).bind("count", count).bind("rule", alert.rule()).bind("key", alert.key())
                        .execute();
                return Optional.of(new AlertNotice(alert, AlertNotice.Kind.REMINDER, count));
            }
            h.createUpdate("""
                            REPLACE INTO alert_state (rule, alert_key, state, severity, title_key, text_key, args, buttons,
                              raised_at, notified_at, notifications, resolved_at)
                            VALUES (:rule, :key, 'active', :severity, :title, :text, :args, :buttons, :now, :now, 1, NULL)""")
                    .bind("rule", alert.rule()).bind("key", alert.key())
                    .bind("severity", alert.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .bind("title", alert.titleKey()).bind("text", alert.textKey())
                    .bind("args", json(alert.args())).bind("buttons", json(alert.actions()))
                    .bind("now", now).execute();
            return Optional.of(new AlertNotice(alert, AlertNotice.Kind.RAISED, 1));
        });
        notice.ifPresent(this::deliver);
        return notice.isPresent();
    }

    /**
     * Ends an active alert and tells the sinks; does nothing when it is not active.
     *
     * @param rule the alert's rule
     * @param key  the alert's key
     * @return whether it was active
     */
    public boolean resolve(String rule, String key) {
        long now = clock.millis();
        Optional<AlertNotice> notice = jdbi.inTransaction(h -> {
            Optional<ActiveAlert> active = find(h, rule, key).filter(a -> a.resolvedAt() == null);
            if (active.isEmpty()) {
                return Optional.<AlertNotice>empty();
            }
            h.createUpdate("UPDATE alert_state SET state = 'resolved', resolved_at = :now WHERE rule = :rule AND alert_key = :key")
                    .bind("now", now).bind("rule", rule).bind("key", key).execute();
            return Optional.of(new AlertNotice(active.get().alert(), AlertNotice.Kind.RESOLVED,
                    active.get().notifications() + 1));
        });
        notice.ifPresent(this::deliver);
        return notice.isPresent();
    }

    /** @return the active alerts, oldest first */
    public List<ActiveAlert> active() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM alert_state WHERE state = 'active' ORDER BY raised_at")
                .map((rs, ctx) -> row(rs)).list());
    }

    /**
     * @param rule an alert's rule
     * @param key  an alert's key
     * @return whether that alert is active
     */
    public boolean isActive(String rule, String key) {
        return jdbi.withHandle(h -> find(h, rule, key)).filter(a -> a.resolvedAt() == null).isPresent();
    }

    private static Optional<ActiveAlert> find(org.jdbi.v3.core.Handle h, String rule, String key) {
        return h.createQuery("SELECT * FROM alert_state WHERE rule = :rule AND alert_key = :key")
                .bind("rule", rule).bind("key", key).map((rs, ctx) -> row(rs)).findOne();
    }

    private void deliver(AlertNotice notice) {
        sent.labelValues(notice.alert().rule()).inc();
        for (AlertSink sink : sinks) {
            try {
                sink.deliver(notice);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an alert sink failed on " + notice.alert().rule(), e);
            }
        }
    }

    private static ActiveAlert row(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> args = parse(rs.getString("args"), new TypeReference<LinkedHashMap<String, Object>>() { });
        List<Alert.Action> actions = parse(rs.getString("buttons"), new TypeReference<ArrayList<Alert.Action>>() { });
        Alert alert = new Alert(rs.getString("rule"), rs.getString("alert_key"),
                Alert.Severity.valueOf(rs.getString("severity").toUpperCase(java.util.Locale.ROOT)),
                rs.getString("title_key"), rs.getString("text_key"), args, actions);
        return new ActiveAlert(alert, rs.getLong("raised_at"), rs.getInt("notifications"),
                (Long) rs.getObject("resolved_at", Long.class));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("alert arguments must be plain values", e);
        }
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable alert state: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * An alert as stored.
     *
     * @param alert         the alert
     * @param raisedAt      when it became active, epoch ms
     * @param notifications how many notices it has had
     * @param resolvedAt    when it was resolved, or {@code null} while active
     */
    public record ActiveAlert(Alert alert, long raisedAt, int notifications, Long resolvedAt) {
    }
}

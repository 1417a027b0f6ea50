package dev.parley.channel;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import dev.parley.alert.AlertNotice;
import dev.parley.alert.AlertSink;
import dev.parley.card.Card;
import dev.parley.command.CardActions;
import dev.parley.i18n.Messages;
import dev.parley.rbac.Identity;

/**
 * Posts alert notices into every chat bound with {@code /channel bind alerts}, each in that chat's language,
 * through the background deliveries. Alerts are already de-duplicated; this also keeps a flood of them
 * from drowning a chat: at most {@code perMinute} a minute per chat, the rest counted and logged
 * ({@code /alerts} still lists them all).
 */
public final class ChannelAlertSink implements AlertSink {
    /** The binding purpose this sink serves. */
    public static final String PURPOSE = "alerts";
    private static final Logger LOG = Logger.getLogger(ChannelAlertSink.class.getName());

    private final ChannelBindings bindings;
    private final ChannelDeliveries deliveries;
    private final CardActions actions;
    private final Messages messages;
    private final InstantSource clock;
    private final int perMinute;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    /**
     * @param bindings   which chats receive alerts
     * @param deliveries delivers in the background
     * @param actions    issues the ids of the alert cards' buttons
     * @param messages   texts in each chat's language
     * @param clock      source of time for the rate limit
     * @param perMinute  most alert cards per chat and minute
     */
    public ChannelAlertSink(ChannelBindings bindings, ChannelDeliveries deliveries, CardActions actions, Messages messages,
                            InstantSource clock, int perMinute) {
        this.bindings = bindings;
        this.deliveries = deliveries;
        this.actions = actions;
        this.messages = messages;
        this.clock = clock;
        this.perMinute = perMinute;
    }

    @Override
    public void deliver(AlertNotice notice) {
        for (ChannelBinding binding : bindings.forPurpose(PURPOSE)) {
            if (!allowed(binding)) {
                LOG.warning("alert " + notice.alert().rule() + " not posted to " + binding.channel() + " chat "
                        + binding.chatId() + ": more than " + perMinute + " alerts this minute");
                continue;
            }
            Card card = notice.card(messages, binding.locale());
            List<String> ids = actions.issue(card.buttons(), new Identity(binding.channel(), "chat:" + binding.chatId()));
            deliveries.post(binding.channel(), binding.chatId(), card, ids, binding.locale());
        }
    }

    private boolean allowed(ChannelBinding binding) {
        long minute = clock.millis() / 60_000;
        long[] window = windows.compute(binding.channel() + "\u0000" + binding.chatId(),
                (k, w) -> w == null || w[0] != minute ? new long[] {minute, 0} : w);
        synchronized (window) {
            return ++window[1] <= perMinute;
        }
    }
}

package dev.parley.alert;

import java.util.logging.Logger;

import dev.parley.card.PlainText;
import dev.parley.i18n.Messages;

/** Writes every alert notice to the log, in the service's default language, so no alert goes unseen. */
public final class LogAlertSink implements AlertSink {
    private static final Logger LOG = Logger.getLogger(Alerts.class.getName());

    private final Messages messages;

    /**
     * @param messages the localization bundle
     */
    public LogAlertSink(Messages messages) {
        this.messages = messages;
    }

    @Override
    public void deliver(AlertNotice notice) {
        String text = PlainText.render(notice.card(messages, messages.defaultLocale())).replace('\n', ' ');
        String line = "alert " + notice.kind().name().toLowerCase(java.util.Locale.ROOT) + " rule=" + notice.alert().rule()
                + " key=" + notice.alert().key() + ": " + text;
        if (notice.kind() == AlertNotice.Kind.RESOLVED) {
            LOG.info(line);
        } else {
            LOG.warning(line);
        }
    }
}

package dev.parley.alert;

/** Where alert notices go: the log always; team chats bound with {@code /channel bind alerts} later. */
@FunctionalInterface
public interface AlertSink {
    /**
     * Delivers a notice. Must not block for long: slow deliveries belong on the sink's own queue.
     *
     * @param notice what to deliver
     */
    void deliver(AlertNotice notice);
}

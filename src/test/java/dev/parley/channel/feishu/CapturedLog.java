package dev.parley.channel.feishu;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Keeps every log record published while it is installed on the root logger, so tests can show what never reaches a log. */
final class CapturedLog extends Handler {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private CapturedLog() {
    }

    /** @return a capture, installed */
    static CapturedLog install() {
        CapturedLog log = new CapturedLog();
        Logger.getLogger("").addHandler(log);
        return log;
    }

    /** Stops capturing. */
    void uninstall() {
        Logger.getLogger("").removeHandler(this);
    }

    /** @return every record so far, formatted as a log file would show it */
    List<String> lines() {
        SimpleFormatter format = new SimpleFormatter();
        return records.stream().map(format::format).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}

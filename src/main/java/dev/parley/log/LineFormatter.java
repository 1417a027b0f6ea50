package dev.parley.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Formats every log record as one line: UTC time, level, short logger name, thread, message.
 * One line per event keeps logs greppable and lets log shippers parse them without multi-line rules;
 * a stack trace, when there is one, follows on indented lines.
 */
public final class LineFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160);
        line.append(TIME.format(Instant.ofEpochMilli(record.getMillis())))
                .append(' ')
                .append(padLevel(record.getLevel().getName()))
                .append(' ')
                .append(shortName(record.getLoggerName()))
                .append(" [")
                .append(Thread.currentThread().getName())
                .append("] ")
                .append(oneLine(formatMessage(record)));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append("    ").append(trace.toString().strip().replace("\n", "\n    "));
        }
        return line.append(System.lineSeparator()).toString();
    }

    private static String padLevel(String level) {
        return level.length() >= 7 ? level : (level + "       ").substring(0, 7);
    }

    /** {@code dev.parley.ingest.GroupCommitter} becomes {@code ingest.GroupCommitter}. */
    static String shortName(String logger) {
        if (logger == null) {
            return "-";
        }
        return logger.startsWith("dev.parley.") ? logger.substring("dev.parley.".length()) : logger;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replace("\r", "").replace("\n", " | ");
    }
}

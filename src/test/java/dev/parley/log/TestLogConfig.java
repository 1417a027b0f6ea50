package dev.parley.log;

/**
 * Logging for the test JVM (named by surefire's {@code java.util.logging.config.class}): Parley's own
 * warnings and errors only, in the production line format, so test output stays readable.
 */
public final class TestLogConfig {
    /** Called by the LogManager. */
    public TestLogConfig() {
        LogSetup.configure(System.getProperty("parley.test.log.level", "WARNING"));
    }
}

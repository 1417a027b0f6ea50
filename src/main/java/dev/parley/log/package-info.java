/**
 * Logging set-up: every record, Parley's and the libraries' (through SLF4J's JUL binding), goes to standard error
 * as one line ({@link dev.parley.log.LineFormatter}); {@link dev.parley.log.LogSetup} installs that and turns chatty
 * libraries down; {@link dev.parley.log.ShutdownSafeLogManager} keeps the JDK from closing the handlers before
 * Parley's own shutdown has logged its last lines.
 *
 * <p>It imports no other Parley package and no logging library, only {@code java.util.logging}, which the rest of
 * Parley logs through too, so {@code Main} can set it up before anything else runs.
 */
package dev.parley.log;

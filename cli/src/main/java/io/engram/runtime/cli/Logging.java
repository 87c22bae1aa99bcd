package io.engram.runtime.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line's logging levels on top of logback.xml: {@code -v} turns on Engram's debug messages, {@code --quiet}
 * leaves errors only. Third-party loggers (jHDF) are silenced in logback.xml itself.
 */
final class Logging {
    private static final String ENGRAM = "io.engram";
    private static Level configuredRoot;

    private Logging() {}

    private static Logger root() { return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME); }

    private static Logger engram() { return (Logger) LoggerFactory.getLogger(ENGRAM); }

    /** Back to the levels of logback.xml (each in-process command starts from them). */
    static synchronized void reset() {
        if (configuredRoot == null) configuredRoot = root().getLevel();
        root().setLevel(configuredRoot);
        engram().setLevel(null);
    }

    /** Engram's own DEBUG messages (pass timings, files written). */
    static synchronized void verbose() { engram().setLevel(Level.DEBUG); }

    /** Errors only, from every logger. */
    static synchronized void quiet() {
        root().setLevel(Level.ERROR);
        engram().setLevel(Level.ERROR);
    }
}

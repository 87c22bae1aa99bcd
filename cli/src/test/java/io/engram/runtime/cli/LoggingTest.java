package io.engram.runtime.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quiet by default: the CLI's logback.xml (the one in the jar, not the tests' logback-test.xml) silences jHDF's
 * warnings and keeps its errors; {@code --quiet} prints nothing at all for a successful run; {@code -v} turns on
 * Engram's debug messages.
 */
class LoggingTest {
    private static final LoggerContext CONTEXT = (LoggerContext) LoggerFactory.getILoggerFactory();

    private static void configure(String resource) throws Exception {
        CONTEXT.reset();
        JoranConfigurator c = new JoranConfigurator();
        c.setContext(CONTEXT);
        c.doConfigure(LoggingTest.class.getClassLoader().getResource(resource));
    }

    @AfterEach
    void backToTheTestConfiguration() throws Exception {
        configure("logback-test.xml");
    }

    @Test
    void theShippedConfigurationSilencesJhdfWarningsButNotItsErrors() throws Exception {
        configure("logback.xml");
        Logger jhdfWriter = LoggerFactory.getLogger("io.jhdf.WritableHdfFile");   // "Writing files is in alpha"
        Logger jhdfMessage = LoggerFactory.getLogger("io.jhdf.object.message.Message"); // attribute padding on read
        assertFalse(jhdfWriter.isWarnEnabled());
        assertFalse(jhdfMessage.isWarnEnabled());
        assertTrue(jhdfWriter.isErrorEnabled());
        Logger engram = LoggerFactory.getLogger("io.engram.compiler.Compiler");
        assertTrue(engram.isWarnEnabled(), "our warnings show by default");
        assertFalse(engram.isDebugEnabled());
    }

    @Test
    void verboseTurnsOnEngramDebugAndQuietLeavesErrorsOnly(@TempDir Path dir) throws Exception {
        configure("logback.xml");
        Logger engram = LoggerFactory.getLogger("io.engram.compiler.Compiler");
        int[] code = new int[1];
        EngramCliTest.capture(() -> code[0] = EngramCli.execute("presets", "-v"));
        assertEquals(0, code[0]);
        assertTrue(engram.isDebugEnabled(), "-v on a subcommand");
        assertFalse(LoggerFactory.getLogger("io.jhdf.WritableHdfFile").isWarnEnabled(), "-v is ours only");

        Path exp = EngramCliTest.setup(dir);
        String[] text = EngramCliTest.capture(() -> code[0] = EngramCli.execute("run", exp.toString(), "--out",
                dir.resolve("q").toString(), "--quiet"));
        assertEquals(0, code[0], text[1]);
        assertEquals("", text[0], "--quiet: no summary on stdout");
        assertEquals("", text[1], "--quiet: nothing on stderr");
        assertTrue(Files.exists(dir.resolve("q/report.json")), "the run folder is written as usual");
        assertFalse(engram.isWarnEnabled(), "--quiet: errors only");
        assertTrue(engram.isErrorEnabled());

        EngramCliTest.capture(() -> code[0] = EngramCli.execute("presets"));
        assertTrue(engram.isWarnEnabled(), "each command starts from the configured levels");
        assertFalse(engram.isDebugEnabled());
    }
}

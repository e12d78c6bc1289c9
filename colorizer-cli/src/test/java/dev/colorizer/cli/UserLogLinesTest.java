package dev.colorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The CLI's logging configuration (logback.xml, as in the jar) words a logged warning as the CLI's own lines are
 * worded, "warning: ..." on standard error, not "WARN d.c.data.ImageFiles: ...".
 */
class UserLogLinesTest {
    @Test
    void ourWarningsReadAsTheCliLinesAndOtherLibrariesAreNamed() throws Exception {
        String err = logged(context -> {
            context.getLogger("dev.colorizer.data.ImageFiles").warn("{}", "scan.tif: 3 pages: only the first is colorized");
            context.getLogger("dev.colorizer.server.ColorizeServer").error("GET /x failed");
            context.getLogger("ai.djl.engine.Engine").warn("no engine");
            context.getLogger("dev.colorizer.data.ImageFiles").info("not shown");
            context.getLogger("ai.djl.util.cuda.CudaUtils").warn("not shown either");
        });
        String n = System.lineSeparator();
        assertThat(err).isEqualTo("warning: scan.tif: 3 pages: only the first is colorized" + n
                + "error: GET /x failed" + n
                + "warning: a.djl.engine.Engine: no engine" + n);
    }

    private interface Logging {
        void run(LoggerContext context);
    }

    private static String logged(Logging logging) throws Exception {
        URL config = Main.class.getResource("/logback.xml");
        assertThat(config).as("the CLI's logback.xml").isNotNull();
        assertThat(config.toString()).doesNotContain("test-classes");
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(config);
            logging.run(context);
        } finally {
            context.stop();
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

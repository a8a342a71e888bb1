package org.amber.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chronicle's analytics phone home unless {@code -Dchronicle.analytics.disable=true} is set (and
 * mute themselves when JUnit is on the class path, so the children run without it). The control
 * run proves the probe sees the attempt; the others prove the flag, and the journal's own default
 * for it, prevent it.
 */
class NoOutboundConnectionTest {
    @TempDir
    Path tmp;

    @Test
    void chronicleWithoutTheFlagTriesToConnectSoTheProbeCanFail() throws Exception {
        String out = probe(false, "chronicle", 20_000);
        assertTrue(out.matches("(?s).*ATTEMPTS=[1-9].*"), out);
    }

    @Test
    void chronicleWithTheFlagOpensAndAppendsWithoutAConnectionAttempt() throws Exception {
        String out = probe(true, "chronicle", 1_500);
        assertTrue(out.contains("ATTEMPTS=0 []"), out);
    }

    @Test
    void theJournalMakesNoConnectionAttemptEvenWhenTheLauncherForgetsTheFlag() throws Exception {
        String out = probe(false, "journal", 1_500);
        assertTrue(out.contains("ATTEMPTS=0 []"), out);
    }

    private String probe(boolean analyticsDisabled, String mode, long waitMillis) throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        ChildJvm.Result r = ChildJvm.run(AnalyticsProbe.class, analyticsDisabled, false, List.of("-Duser.home=" + home),
                List.of(tmp.resolve("journal").toString(), mode, Long.toString(waitMillis)), tmp, Duration.ofSeconds(60));
        assertEquals(0, r.exitCode(), r.output());
        return r.output();
    }
}

package org.amber.journal;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.onoes.ThreadLocalisedExceptionHandler;
import org.junit.jupiter.api.Test;

/** Chronicle only logs a failed msync; the trap must turn that into an exception, and only for its own call. */
class ChronicleErrorTrapTest {

    @Test
    void anErrorChronicleReportsDuringTheActionFailsIt() {
        IOException e = assertThrows(IOException.class, () -> ChronicleErrorTrap.run("msync of test",
                () -> Jvm.error().on(MappedBytesStore.class, "msync failed, Input/output error, ret=-1")));
        assertTrue(e.getMessage().contains("msync of test failed: msync failed, Input/output error"), e.getMessage());
    }

    @Test
    void aQuietActionPassesAndTheHandlerIsRestored() throws Exception {
        ThreadLocalisedExceptionHandler handlers = (ThreadLocalisedExceptionHandler) Jvm.error();
        Object before = handlers.threadLocalHandler();
        ChronicleErrorTrap.run("quiet", () -> { });
        assertThrows(IOException.class, () -> ChronicleErrorTrap.run("noisy", () -> Jvm.error().on(getClass(), "boom")));
        Object after = handlers.threadLocalHandler();
        assertTrue(after == before || after == handlers.defaultHandler(), "handler restored, was " + after);
        ChronicleErrorTrap.run("quiet again", () -> { });
    }

    @Test
    void anExceptionFromTheActionPropagatesAsIs() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> ChronicleErrorTrap.run("x", () -> {
            throw boom;
        })));
    }
}

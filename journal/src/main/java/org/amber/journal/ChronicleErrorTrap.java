package org.amber.journal;

import java.io.IOException;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.onoes.ExceptionHandler;
import net.openhft.chronicle.core.onoes.ThreadLocalisedExceptionHandler;
import org.slf4j.Logger;

/**
 * Turns errors that Chronicle only logs into exceptions. Chronicle reports a failed msync through
 * {@code Jvm.error()} and carries on; the fail-stop rule needs the sync to fail instead. Runs the
 * action with a thread-local error handler on the calling thread; stateless otherwise.
 */
final class ChronicleErrorTrap {
    private ChronicleErrorTrap() {
    }

    /** Runs {@code action}; if Chronicle reports an error on this thread meanwhile, throws it as an IOException. */
    static void run(String what, Runnable action) throws IOException {
        ThreadLocalisedExceptionHandler handlers = handlers();
        ExceptionHandler previous = handlers.threadLocalHandler();
        Recorder recorder = new Recorder(handlers.defaultHandler());
        handlers.threadLocalHandler(recorder);
        try {
            action.run();
        } finally {
            // threadLocalHandler(null) would mute this thread; the default handler is what "unset" means.
            handlers.threadLocalHandler(previous != null ? previous : handlers.defaultHandler());
        }
        if (recorder.message != null) {
            throw new IOException(what + " failed: " + recorder.message, recorder.thrown);
        }
    }

    private static ThreadLocalisedExceptionHandler handlers() {
        ExceptionHandler error = Jvm.error();
        if (!(error instanceof ThreadLocalisedExceptionHandler)) {
            throw new IllegalStateException("Chronicle's error handler is " + error.getClass().getName()
                    + "; sync failures could not be detected");
        }
        return (ThreadLocalisedExceptionHandler) error;
    }

    /** Remembers the first error and still logs every one through Chronicle's default handler. */
    private static final class Recorder implements ExceptionHandler {
        private final ExceptionHandler delegate;
        private String message;
        private Throwable thrown;

        Recorder(ExceptionHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public void on(Logger logger, String message, Throwable thrown) {
            if (this.message == null) {
                this.message = message != null ? message : String.valueOf(thrown);
                this.thrown = thrown;
            }
            if (delegate != null) {
                delegate.on(logger, message, thrown);
            }
        }
    }
}

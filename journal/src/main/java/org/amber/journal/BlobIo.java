package org.amber.journal;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** Blob reads and writes run on the store's I/O threads, with their IOException carried back to the caller. */
final class BlobIo {
    /** An I/O step that yields a value. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws IOException;
    }

    private BlobIo() {
    }

    /** Runs {@code step} on {@code threads}; an IOException it throws is rethrown by {@link #await}. */
    static <T> CompletableFuture<T> start(Step<T> step, Executor threads) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return step.run();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, threads);
    }

    /** The step's result, or the IOException (or unchecked exception) it ended with. */
    static <T> T await(CompletableFuture<T> f) throws IOException {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    /** Waits for {@code f} to end however it ends: whatever it holds (a buffer) is free afterwards. */
    static void settle(CompletableFuture<?> f) {
        f.handle((v, e) -> null).join();
    }
}

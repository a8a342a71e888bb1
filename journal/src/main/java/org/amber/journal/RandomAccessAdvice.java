package org.amber.journal;

import com.sun.jna.Native;
import java.util.concurrent.atomic.AtomicBoolean;
import net.openhft.chronicle.bytes.MappedBytesStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the kernel, with madvise(MADV_RANDOM), not to read ahead into a journal chunk's mapping.
 *
 * <p>Why: the appender fills the mapping sequentially, and where the page cache uses large folios for
 * the file (ext4 on this box's 6.18 kernel, with 8 MiB of device readahead) the page faults' readahead
 * grows the folios it allocates up to 2 MiB. A write through the mapping dirties its whole folio, so
 * each group commit's msync wrote a whole folio for about 11 records (measured: 2,108 KiB per commit,
 * 0.96 GB/s at 6k PUTs/s; 70 KiB per commit with the advice). Without readahead the faults allocate
 * single pages. Replay reads the journal before the appender's first sync, so it keeps readahead.
 * Stateless; any thread.
 */
final class RandomAccessAdvice {
    private static final Logger LOG = LoggerFactory.getLogger(RandomAccessAdvice.class);
    private static final int MADV_RANDOM = 1;
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private RandomAccessAdvice() {
    }

    /** Advises the whole mapping behind {@code chunk}; does nothing if it is not a mapping, logs once if the system refuses. */
    static void apply(Object chunk) {
        if (LibC.INSTANCE == null || !(chunk instanceof MappedBytesStore)) {
            return;
        }
        MappedBytesStore store = (MappedBytesStore) chunk;
        long address = store.addressForRead(store.start());
        long length = store.capacity() - store.start();
        if (LibC.INSTANCE.madvise(address, length, MADV_RANDOM) != 0) {
            if (WARNED.compareAndSet(false, true)) {
                LOG.warn("journal: madvise(MADV_RANDOM) of a {}-byte chunk failed (errno {}); commits may write more than they append",
                        length, Native.getLastError());
            }
        }
    }
}

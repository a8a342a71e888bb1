package org.amber.journal;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of direct buffers whose address is 4096-aligned, as O_DIRECT requires (a heap buffer
 * must never reach a DIRECT channel: JDK 17 copies it and later breaks ordinary I/O on that
 * thread). Keeps at most {@code maxIdle} buffers; beyond that, released buffers are left to the
 * garbage collector. Thread-safe.
 */
final class AlignedBufferPool {
    static final int ALIGN = 4096;

    private final int size;
    private final int maxIdle;
    private final ConcurrentLinkedQueue<ByteBuffer> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    AlignedBufferPool(int size, int maxIdle) {
        this.size = size;
        this.maxIdle = maxIdle;
    }

    /** A cleared buffer of exactly {@code size} bytes. */
    ByteBuffer acquire() {
        ByteBuffer b = idle.poll();
        if (b == null) {
            return allocate(size);
        }
        idleCount.decrementAndGet();
        return b.clear();
    }

    void release(ByteBuffer b) {
        if (idleCount.incrementAndGet() <= maxIdle) {
            idle.offer(b);
        } else {
            idleCount.decrementAndGet();
        }
    }

    /** A new direct buffer of {@code size} bytes starting at a 4096-aligned address. */
    static ByteBuffer allocate(int size) {
        return ByteBuffer.allocateDirect(size + ALIGN).alignedSlice(ALIGN).limit(size).slice();
    }

    static long align(long n) {
        return (n + ALIGN - 1) & -ALIGN;
    }
}

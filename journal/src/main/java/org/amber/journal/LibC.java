package org.amber.journal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The libc calls the journal makes through JNA, for what the JDK does not offer: fallocate(2)
 * ({@link Preallocate}) and madvise(2) ({@link RandomAccessAdvice}). Loaded once; absent off Linux.
 */
interface LibC extends Library {
    /** The loaded library, or null where these calls do not exist (not Linux). */
    LibC INSTANCE = Platform.isLinux() ? Native.load("c", LibC.class) : null;

    int open(String path, int flags);

    int fallocate(int fd, int mode, long offset, long length);

    int close(int fd);

    int madvise(long address, long length, int advice);
}

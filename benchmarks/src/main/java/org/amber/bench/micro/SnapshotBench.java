package org.amber.bench.micro;

import org.amber.lockd.Store;
import org.amber.lockd.StoreImage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The in-memory halves of a state snapshot on 1,000,000 versions. {@code image}: the copy the reply thread
 * makes between two records, during which no reply goes out (the snapshot is then written on another
 * thread). {@code restore}: rebuilding one state from a loaded image at start (a daemon rebuilds two).
 */
public class SnapshotBench extends MicroBench {
    static final int VERSIONS = 1_000_000;
    private Store store;
    private StoreImage image;

    @Setup
    public void setUp() {
        store = new BenchState(VERSIONS, (i, key, blob) -> { }).store;
        image = store.image();
        if (image.versions() != VERSIONS || Store.restore(image).bucket("vault").orElseThrow().keys().size() != VERSIONS) {
            throw new IllegalStateException("the image or the restored state lacks versions");
        }
    }

    @Benchmark
    public StoreImage image() {
        return store.image();
    }

    @Benchmark
    public Store restore() {
        return Store.restore(image);
    }
}

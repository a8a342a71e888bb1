package org.amber.bench.micro;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The JVM flags every fork that loads Chronicle Queue needs: a copy of the parent pom's
 * {@code chronicle.jvm.flags} property (the same list is in bin/amberd); keep the three in step. The two
 * properties switch off Chronicle's analytics and announcer before any of its classes load, so a
 * benchmark fork never opens a connection to the outside.
 *
 * <p>An annotation's array value must be written inline, so {@code @Fork(jvmArgsAppend = ...)} cannot
 * name {@link #CHRONICLE}; each flag is therefore its own constant, and a {@code @Fork} lists them all.
 * {@link #requireChronicleFlags()} catches a {@code @Fork} that misses one, and a run whose command-line
 * {@code -jvmArgsAppend} replaced them (add JVM options with {@code -jvmArgsPrepend} instead).
 */
public final class Flags {
    public static final String EXPORTS_MISC = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    public static final String EXPORTS_REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
    public static final String EXPORTS_UTIL = "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED";
    public static final String EXPORTS_NIO_CH = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    public static final String EXPORTS_SUN_MISC = "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED";
    public static final String OPENS_IO = "--add-opens=java.base/java.io=ALL-UNNAMED";
    public static final String OPENS_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    public static final String OPENS_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    public static final String OPENS_UTIL = "--add-opens=java.base/java.util=ALL-UNNAMED";
    public static final String OPENS_NIO = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    public static final String NO_ANALYTICS = "-Dchronicle.analytics.disable=true";
    public static final String NO_ANNOUNCER = "-Dchronicle.announcer.disable=true";

    /** The whole list, in the pom's order. */
    public static final List<String> CHRONICLE = List.of(EXPORTS_MISC, EXPORTS_REF, EXPORTS_UTIL, EXPORTS_NIO_CH,
            EXPORTS_SUN_MISC, OPENS_IO, OPENS_LANG, OPENS_REFLECT, OPENS_UTIL, OPENS_NIO, NO_ANALYTICS, NO_ANNOUNCER);

    private Flags() {
    }

    /** Fails unless this JVM was started with every flag of {@link #CHRONICLE}; call before touching Chronicle. */
    static void requireChronicleFlags() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> missing = CHRONICLE.stream().filter(f -> !args.contains(f)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("this fork lacks the Chronicle JVM flags " + missing
                    + "; list every Flags constant in its @Fork(jvmArgsAppend = {...})");
        }
    }
}

package org.amber.journal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Starts a test main in a fresh JVM with this JVM's Chronicle flags and class path, and waits for it. */
final class ChildJvm {
    /** What the child did: its exit code and its combined stdout and stderr. */
    record Result(int exitCode, String output) {
    }

    private ChildJvm() {
    }

    /**
     * @param analyticsDisabled whether to pass {@code -Dchronicle.analytics.disable=true}
     * @param withJUnit         whether JUnit stays on the class path (Chronicle mutes its analytics when it sees JUnit)
     */
    static Result run(Class<?> main, boolean analyticsDisabled, boolean withJUnit, List<String> extraJvmArgs,
                      List<String> args, Path workDir, Duration timeout) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || (arg.startsWith("-D") && !arg.startsWith("-Dchronicle.analytics.disable"))) {
                cmd.add(arg);
            }
        }
        if (analyticsDisabled) {
            cmd.add("-Dchronicle.analytics.disable=true");
        }
        cmd.addAll(extraJvmArgs);
        cmd.add("-cp");
        cmd.add(classPath(withJUnit));
        cmd.add(main.getName());
        cmd.addAll(args);
        Path log = Files.createTempFile(workDir, "child", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("child " + main.getSimpleName() + " still running after " + timeout
                    + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static String classPath(boolean withJUnit) {
        String sep = System.getProperty("path.separator");
        return Arrays.stream(System.getProperty("java.class.path").split(sep))
                .filter(e -> withJUnit || !(e.contains("junit") || e.contains("opentest4j") || e.contains("apiguardian")
                        || e.contains("surefire")))
                .collect(Collectors.joining(sep));
    }
}

package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The aws CLI, as installed, with its defaults, pointed at one amberd with the root keys (or others). */
final class AwsCli {
    private final Amberd amberd;
    private final Path tmp;
    private final RootCredentials keys;
    private final String sessionToken;

    /** One finished command. */
    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    AwsCli(Amberd amberd, Path tmp) {
        this(amberd, tmp, Amberd.ROOT, null);
    }

    private AwsCli(Amberd amberd, Path tmp, RootCredentials keys, String sessionToken) {
        this.amberd = amberd;
        this.tmp = tmp;
        this.keys = keys;
        this.sessionToken = sessionToken;
    }

    /** The same CLI signing with other credentials (an IAM user's keys, or a role session's with its token). */
    AwsCli as(String accessKeyId, String secretKey, String sessionToken) {
        return new AwsCli(amberd, tmp, new RootCredentials(accessKeyId, secretKey, false), sessionToken);
    }

    /** The key pair this CLI signs with. */
    RootCredentials keys() {
        return keys;
    }

    Amberd amberd() {
        return amberd;
    }

    java.net.URI endpoint() {
        return amberd.endpoint();
    }

    /** Runs {@code aws --endpoint-url <amberd> args…} to completion (5 minutes at most). */
    Run run(String... args) throws Exception {
        ProcessBuilder pb = builder(args);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " timed out");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Runs and asserts it succeeded. */
    Run ok(String... args) throws Exception {
        Run r = run(args);
        assertEquals(0, r.exit(), () -> "aws " + String.join(" ", args) + " failed:\n" + r.err() + r.out());
        return r;
    }

    /** Runs and asserts it failed with an S3 error naming {@code code} and containing {@code message}. */
    Run fails(String code, String message, String... args) throws Exception {
        Run r = run(args);
        assertNotEquals(0, r.exit(), () -> "aws " + String.join(" ", args) + " should have failed:\n" + r.out());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains("(" + code + ")") && r.err().contains(message),
                () -> "aws " + String.join(" ", args) + ": expected " + code + " " + message + ", got:\n" + r.err());
        return r;
    }

    /** Starts {@code aws} with pipes for stdin and stdout (errors go to a file in tmp). */
    Process start(String... args) throws IOException {
        return builder(args).redirectError(ProcessBuilder.Redirect.appendTo(tmp.resolve("aws-err.txt").toFile())).start();
    }

    private ProcessBuilder builder(String... args) {
        List<String> cmd = new ArrayList<>(List.of("aws", "--endpoint-url", amberd.endpoint().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        TestDaemons.clientEnv(pb, tmp, keys);
        if (sessionToken != null) {
            pb.environment().put("AWS_SESSION_TOKEN", sessionToken);
        }
        return pb;
    }
}

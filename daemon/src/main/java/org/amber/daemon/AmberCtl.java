package org.amber.daemon;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.StringJoiner;

/**
 * {@code amberctl}: IAM and STS actions (and Amber's guardrail actions) from the box's shell, as the root
 * account. It finds the running daemon through two files the daemon writes into its data directory at start:
 * the admin endpoint and a random token, both readable by the daemon's user alone.
 *
 * <pre>
 *   amberctl [--data DIR] ACTION [Name=Value | Name=@file ...]
 *   amberctl --data /var/lib/amber CreateUser UserName=backup
 *   amberctl PutGuardrailPolicy PolicyDocument=@/etc/amber/guardrail.json
 * </pre>
 * Prints the daemon's XML answer; exits 0 on success, 1 on an error answer, 2 on a usage or connection error.
 */
public final class AmberCtl {
    static final String PATH = "/amberctl";
    static final String SCHEME = "Amber-Token ";
    static final String TOKEN_FILE = "amberctl.token";
    static final String ENDPOINT_FILE = "amberctl.endpoint";

    private AmberCtl() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path data = Path.of(Config.DEFAULTS.get("data"));
        int i = 0;
        if (args.length >= 2 && args[0].equals("--data")) {
            data = Path.of(args[1]);
            i = 2;
        }
        if (i >= args.length || args[i].startsWith("-")) {
            System.err.println("usage: amberctl [--data DIR] ACTION [Name=Value | Name=@file ...]\n"
                    + "  IAM actions (CreateUser, CreateAccessKey, PutUserPolicy, CreateRole, ...), STS actions with Service=sts,\n"
                    + "  and PutGuardrailPolicy / GetGuardrailPolicy / DeleteGuardrailPolicy.");
            return 2;
        }
        try {
            StringJoiner form = new StringJoiner("&");
            form.add("Action=" + enc(args[i]));
            for (int j = i + 1; j < args.length; j++) {
                int eq = args[j].indexOf('=');
                if (eq <= 0) {
                    System.err.println("amberctl: expected Name=Value, got " + args[j]);
                    return 2;
                }
                String value = args[j].substring(eq + 1);
                if (value.startsWith("@")) {
                    value = Files.readString(Path.of(value.substring(1)));
                }
                form.add(enc(args[j].substring(0, eq)) + "=" + enc(value));
            }
            String endpoint = Files.readString(data.resolve(ENDPOINT_FILE)).trim();
            String token = Files.readString(data.resolve(TOKEN_FILE)).trim();
            HttpRequest req = HttpRequest.newBuilder(URI.create(endpoint + PATH))
                    .header("Authorization", SCHEME + token)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
            HttpResponse<String> resp = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            (resp.statusCode() / 100 == 2 ? System.out : System.err).println(resp.body());
            return resp.statusCode() / 100 == 2 ? 0 : 1;
        } catch (IOException e) {
            System.err.println("amberctl: " + e.getMessage() + " (is amberd running with --data " + data + "?)");
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A fresh random token; the daemon makes one at every start. */
    static String newToken() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    /** Writes the token and the admin endpoint (both mode 0600) into the data directory. */
    static void publish(Path data, String token, String adminEndpoint) throws IOException {
        writePrivate(data.resolve(TOKEN_FILE), token + "\n");
        writePrivate(data.resolve(ENDPOINT_FILE), adminEndpoint + "\n");
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text, StandardOpenOption.WRITE);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}

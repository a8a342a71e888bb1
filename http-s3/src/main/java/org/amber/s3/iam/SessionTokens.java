package org.amber.s3.iam;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.amber.s3.auth.Sealer;

/** Issues and opens session tokens: a session's fields sealed (AES-GCM) under the daemon's key. */
public final class SessionTokens {
    private static final String PREFIX = "AmbrS1";
    private final Sealer sealer;

    public SessionTokens(Sealer sealer) {
        this.sealer = sealer;
    }

    public String issue(Session s) {
        String clear = String.join("\n", s.accessKeyId(), s.secretKey(), s.role(), s.roleId(), s.sessionName(),
                Long.toString(s.expires().getEpochSecond()), s.sourceArn());
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(sealer.seal(clear));
    }

    /** The session a token carries; empty if it is not one of ours or was altered. Expiry is the caller's to check. */
    public Optional<Session> open(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] sealed = Base64.getUrlDecoder().decode(token.substring(PREFIX.length()));
            String[] f = sealer.unseal(sealed).split("\n", -1);
            if (f.length != 7) {
                return Optional.empty();
            }
            return Optional.of(new Session(f[0], f[1], f[2], f[3], f[4], Instant.ofEpochSecond(Long.parseLong(f[5])), f[6]));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}

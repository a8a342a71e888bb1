package org.amber.s3.iam;

import java.time.Instant;

/**
 * The temporary credentials STS AssumeRole hands out. They are kept nowhere: the session token is the
 * session, sealed under the daemon's key, so sessions survive restarts and cost no state.
 *
 * @param sourceArn who assumed the role
 */
public record Session(String accessKeyId, String secretKey, String role, String roleId, String sessionName, Instant expires,
                      String sourceArn) {
}

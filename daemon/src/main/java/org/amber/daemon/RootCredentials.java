package org.amber.daemon;

/**
 * The root account's access key pair, either given (environment) or generated at first start.
 *
 * @param generated true when Amber made the pair up and so must show it once
 */
public record RootCredentials(String accessKeyId, String secretKey, boolean generated) {
    public static final String ACCESS_ENV = "AMBER_ROOT_ACCESS_KEY";
    public static final String SECRET_ENV = "AMBER_ROOT_SECRET_KEY";

    /** From {@code AMBER_ROOT_ACCESS_KEY}/{@code AMBER_ROOT_SECRET_KEY} if both are set, else random. */
    public static RootCredentials fromEnvOrGenerate(java.util.Map<String, String> env) {
        String ak = env.get(ACCESS_ENV);
        String sk = env.get(SECRET_ENV);
        if (ak != null && !ak.isBlank() && sk != null && !sk.isBlank()) {
            return new RootCredentials(ak.trim(), sk.trim(), false);
        }
        return new RootCredentials(org.amber.s3.iam.Keys.id("AMBR", 16), org.amber.s3.iam.Keys.secret(), true);
    }

    @Override
    public String toString() {
        return "RootCredentials[" + accessKeyId + ", secret hidden]";
    }
}

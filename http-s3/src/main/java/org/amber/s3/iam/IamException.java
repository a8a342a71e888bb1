package org.amber.s3.iam;

/** An IAM or STS error: its wire code, HTTP status and message, written as an {@code ErrorResponse}. */
public final class IamException extends RuntimeException {
    private final String code;
    private final int status;

    public IamException(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public static IamException validation(String message) {
        return new IamException("ValidationError", 400, message);
    }

    public static IamException noSuchEntity(String message) {
        return new IamException("NoSuchEntity", 404, message);
    }

    public static IamException accessDenied(String message) {
        return new IamException("AccessDenied", 403, message);
    }
}

package org.amber.s3.iam;

import org.amber.s3.xml.XmlOut;

/** The Query API envelopes: {@code <XResponse><XResult>…</XResult><ResponseMetadata/>} and {@code <ErrorResponse>}. */
public final class QueryReply {
    public static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    public static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

    private QueryReply() {
    }

    /** Starts {@code <ActionResponse xmlns><ActionResult>}; the caller writes the result and calls {@link #finish}. */
    public static XmlOut start(String service, String action) {
        return XmlOut.ns(action + "Response", "sts".equals(service) ? STS_NS : IAM_NS).start(action + "Result");
    }

    public static byte[] finish(XmlOut x, String requestId) {
        return x.end().start("ResponseMetadata").el("RequestId", requestId).end().finish();
    }

    public static byte[] error(String service, String requestId, String code, String message, int status) {
        return XmlOut.ns("ErrorResponse", "sts".equals(service) ? STS_NS : IAM_NS).start("Error")
                .el("Type", status >= 500 ? "Receiver" : "Sender").el("Code", code).el("Message", message).end()
                .el("RequestId", requestId).finish();
    }
}

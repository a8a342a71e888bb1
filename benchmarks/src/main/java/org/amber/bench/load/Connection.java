package org.amber.bench.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One persistent HTTP/1.1 connection with blocking I/O: the cheapest client there is, so that the
 * load generator's own CPU stays small next to the server's. Reopens itself when the server
 * closes. Not thread-safe: one per worker thread.
 */
final class Connection implements Closeable {
    /** What came back. {@code body} holds the bytes only when the caller asked to keep them. */
    record Response(int status, Map<String, String> headers, byte[] body, long bodyLength) {
        String header(String name) {
            return headers.get(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Writes a request body. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final int BUFFER = 64 * 1024;
    private final InetSocketAddress address;
    private final byte[] sink = new byte[BUFFER];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Connection(InetSocketAddress address) {
        this.address = address;
    }

    /**
     * Sends a request and reads the whole response.
     *
     * @param head the request line and headers, ending with the blank line
     * @param keep whether to keep the response body (otherwise it is read and counted)
     */
    Response exchange(byte[] head, Body body, boolean isHead, boolean keep) throws IOException {
        boolean fresh = socket == null;
        if (fresh) {
            open();
        }
        try {
            out.write(head);
            if (body != null) {
                body.writeTo(out);
            }
            out.flush();
            return read(isHead, keep);
        } catch (IOException e) {
            close();
            if (fresh || body != null) {
                throw e;
            }
            // An idle connection the server had closed: one retry on a new one (no body was sent).
            open();
            out.write(head);
            out.flush();
            return read(isHead, keep);
        }
    }

    private void open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(120_000);
        s.connect(address, 10_000);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), BUFFER);
        out = new BufferedOutputStream(s.getOutputStream(), BUFFER);
    }

    private Response read(boolean isHead, boolean keep) throws IOException {
        String statusLine = line();
        int sp = statusLine.indexOf(' ');
        if (!statusLine.startsWith("HTTP/1.") || sp < 0) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(sp + 1, sp + 4));
        Map<String, String> headers = new HashMap<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int c = l.indexOf(':');
            if (c > 0) {
                headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
            }
        }
        ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream() : null;
        long length = 0;
        boolean noBody = isHead || status == 204 || status == 304 || status / 100 == 1;
        if (!noBody) {
            String te = headers.get("transfer-encoding");
            String cl = headers.get("content-length");
            if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
                for (long n = chunkSize(); n > 0; n = chunkSize()) {
                    length += copy(n, kept);
                    line();
                }
                for (String l = line(); !l.isEmpty(); l = line()) {
                    // trailers: none of interest
                }
            } else if (cl != null) {
                length = copy(Long.parseLong(cl), kept);
            } else {
                length = copy(Long.MAX_VALUE, kept);
                close();
            }
        }
        if ("close".equalsIgnoreCase(headers.get("connection"))) {
            close();
        }
        return new Response(status, headers, kept == null ? null : kept.toByteArray(), length);
    }

    private long chunkSize() throws IOException {
        String l = line();
        int semi = l.indexOf(';');
        return Long.parseLong((semi < 0 ? l : l.substring(0, semi)).trim(), 16);
    }

    private long copy(long n, ByteArrayOutputStream kept) throws IOException {
        long done = 0;
        while (done < n) {
            int r = in.read(sink, 0, (int) Math.min(sink.length, n - done));
            if (r < 0) {
                if (n == Long.MAX_VALUE) {
                    return done;
                }
                throw new EOFException("response body ended after " + done + " of " + n + " bytes");
            }
            if (kept != null) {
                kept.write(sink, 0, r);
            }
            done += r;
        }
        return done;
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}

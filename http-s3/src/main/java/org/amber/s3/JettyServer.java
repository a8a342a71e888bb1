package org.amber.s3;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Amber's Jetty servers, all built the same way: the thread pool, the connector and the HTTP settings
 * S3 needs. The daemon's S3 and admin servers use it, and so does the benchmarks' floor server, so that
 * the floor differs from Amber only in what it leaves out.
 */
public final class JettyServer {
    private JettyServer() {
    }

    /**
     * A server named {@code name} with at most {@code threads} threads, one acceptor and one selector,
     * listening on {@code host:port} (not yet started), serving {@code handler}.
     */
    public static Server create(String name, int threads, String host, int port, Handler handler) {
        QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(threads, 8));
        pool.setName(name);
        Server server = new Server(pool);
        HttpConfiguration hc = new HttpConfiguration();
        hc.setSendServerVersion(false);
        hc.setSendXPoweredBy(false);
        // S3 keys may hold "//", "%2F", "." and ".." segments: they are names, not paths.
        hc.setUriCompliance(UriCompliance.UNSAFE);
        hc.setRequestHeaderSize(16 * 1024);
        // SigV4 signs header values byte for byte; Jetty's field cache would otherwise hand us a
        // cached "text/plain; charset=utf-8" for the "charset=UTF-8" the client signed.
        hc.setHeaderCacheCaseSensitive(true);
        // Every S3 request carries fresh x-amz-date, Authorization and checksum values: caching header
        // fields only adds trie inserts (measured with async-profiler: ~4% of a 4 KiB PUT's CPU).
        hc.setHeaderCacheSize(0);
        ServerConnector c = new ServerConnector(server, 1, 1, new HttpConnectionFactory(hc));
        c.setHost(host);
        c.setPort(port);
        c.setIdleTimeout(60_000);
        server.addConnector(c);
        server.setHandler(handler);
        server.setStopTimeout(15_000);
        return server;
    }
}

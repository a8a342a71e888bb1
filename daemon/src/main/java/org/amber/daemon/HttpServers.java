package org.amber.daemon;

import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.amber.s3.S3Handler;
import org.amber.s3.S3JettyErrorHandler;
import org.amber.s3.S3Services;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The two Jetty servers: S3 on the S3 address, metrics and health on the admin address. */
final class HttpServers {
    private final Server s3;
    private final Server admin;

    private HttpServers(Server s3, Server admin) {
        this.s3 = s3;
        this.admin = admin;
    }

    static HttpServers start(Config config, S3Services services, Metrics metrics, BooleanSupplier ready, String ctlToken)
            throws IOException {
        Server s3 = server("amber-s3", 200, config.s3Address().getHostString(), config.s3Address().getPort(),
                new GracefulHandler(new S3Handler(services)));
        s3.setErrorHandler(new S3JettyErrorHandler());
        Server admin = server("amber-admin", 8, config.adminAddress().getHostString(), config.adminAddress().getPort(),
                new AdminHandler(metrics, ready, services, ctlToken));
        try {
            s3.start();
            admin.start();
        } catch (Exception e) {
            stopQuietly(s3);
            stopQuietly(admin);
            throw new IOException("could not start HTTP: " + e.getMessage(), e);
        }
        return new HttpServers(s3, admin);
    }

    private static Server server(String name, int threads, String host, int port, Handler handler) {
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

    int s3Port() {
        return ((ServerConnector) s3.getConnectors()[0]).getLocalPort();
    }

    int adminPort() {
        return ((ServerConnector) admin.getConnectors()[0]).getLocalPort();
    }

    void stop() {
        stopQuietly(s3);
        stopQuietly(admin);
    }

    private static void stopQuietly(Server s) {
        try {
            s.stop();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(HttpServers.class).warn("stopping {}", s, e);
        }
    }
}

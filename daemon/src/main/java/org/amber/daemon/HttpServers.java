package org.amber.daemon;

import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.amber.s3.JettyServer;
import org.amber.s3.S3Handler;
import org.amber.s3.S3JettyErrorHandler;
import org.amber.s3.S3Services;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

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
        Server s3 = JettyServer.create("amber-s3", 200, config.s3Address().getHostString(), config.s3Address().getPort(),
                new GracefulHandler(new S3Handler(services)));
        s3.setErrorHandler(new S3JettyErrorHandler());
        Server admin = JettyServer.create("amber-admin", 8, config.adminAddress().getHostString(), config.adminAddress().getPort(),
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

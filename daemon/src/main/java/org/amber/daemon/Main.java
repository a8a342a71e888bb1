package org.amber.daemon;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code amberd}: starts the daemon, prints new root credentials once, stops cleanly on SIGTERM. */
public final class Main {
    static {
        // Chronicle reads these when its classes load; bin/amberd passes them too. Set here as well so
        // that no way of starting the daemon can let Chronicle's analytics reach the network.
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
    }

    private Main() {
    }

    /** Sends S3 requests to the daemon's own port until one gets an S3 answer (any status, with a request id). */
    static void awaitS3(String endpoint) throws InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(2)).build();
        java.net.http.HttpRequest probe = java.net.http.HttpRequest.newBuilder(java.net.URI.create(endpoint + "/"))
                .timeout(java.time.Duration.ofSeconds(5)).build();
        for (int attempt = 0; ; attempt++) {
            try {
                var r = http.send(probe, java.net.http.HttpResponse.BodyHandlers.discarding());
                if (r.headers().firstValue("x-amz-request-id").isPresent()) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // the port is not answering yet
            }
            Thread.sleep(Math.min(1000, 50L << Math.min(attempt, 4)));
        }
    }

    /** How this host reaches a server bound to {@code host}. */
    static String loopback(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0") ? "127.0.0.1"
                : host.contains(":") ? "[" + host + "]" : host;
    }

    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = Config.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("amberd: " + e.getMessage());
            System.err.println("usage: amberd [--config FILE] [--data DIR] [--s3-address HOST:PORT] [--admin-address HOST:PORT]"
                    + " [--region R] [--vhost-domains D1,D2] [--segment-size BYTES] [--secret-key-file FILE]");
            System.exit(2);
            return;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        SdNotify systemd = SdNotify.fromEnvironment();
        systemd.send("STATUS=starting: replaying the journal");
        Daemon daemon = Daemon.start(config);
        daemon.newRootCredentials().ifPresent(c -> {
            if (c.generated()) {
                System.out.println("Root credentials (shown only this once; store them safely):");
                System.out.println("  AWS_ACCESS_KEY_ID=" + c.accessKeyId());
                System.out.println("  AWS_SECRET_ACCESS_KEY=" + c.secretKey());
            } else {
                System.out.println("Root account created with access key " + c.accessKeyId() + " from " + RootCredentials.ACCESS_ENV);
            }
            System.out.flush();
        });
        Watchdog watchdog = new Watchdog(daemon.bus(), systemd::send);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping (signal)");
            systemd.send("STOPPING=1\nSTATUS=stopping: finishing requests and draining the pipeline");
            watchdog.close();
            daemon.close();
            systemd.send("STATUS=stopped cleanly");
            stopped.countDown();
        }, "amber-shutdown"));
        // READY=1 only once the S3 port has answered a request: replay is over and clients can be served.
        String s3 = "http://" + loopback(config.s3Address().getHostString()) + ":" + daemon.s3Port();
        awaitS3(s3);
        systemd.send("READY=1\nSTATUS=serving S3 on " + config.s3Address().getHostString() + ":" + daemon.s3Port());
        java.time.Duration period = Watchdog.periodFromEnvironment();
        if (period != null) {
            watchdog.start(period);
        }
        System.out.println("amberd listening on " + config.s3Address().getHostString() + ":" + daemon.s3Port());
        System.out.flush();
        stopped.await();
    }
}

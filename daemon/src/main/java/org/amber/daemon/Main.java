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
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping (signal)");
            daemon.close();
            stopped.countDown();
        }, "amber-shutdown"));
        System.out.println("amberd listening on " + config.s3Address().getHostString() + ":" + daemon.s3Port());
        System.out.flush();
        stopped.await();
    }
}

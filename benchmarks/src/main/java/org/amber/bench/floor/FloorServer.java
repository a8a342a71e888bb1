package org.amber.bench.floor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.amber.s3.JettyServer;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * The floor for the small-PUT figures: the least a durable server on this stack must do for a PUT,
 * and nothing more. Jetty, built as Amber's S3 server is ({@link JettyServer}), reads the body; one
 * thread appends the bodies of all waiting PUTs to one file, fdatasyncs it once, and only then replies 200 to each
 * (a group commit). No S3: no SigV4, no checksums, no lock rules, no index, no journal record; every
 * other request gets an empty 200. amber-bench's {@code put} workload runs against it unchanged, so
 * Amber's figures can be read as a share of what Jetty + loopback + fdatasync allow on the same box.
 *
 * <pre>floor-server --port 19100 --dir DIR</pre>
 */
public final class FloorServer {
    private record Pending(ByteBuffer body, Response response, Callback callback) {
    }

    private static final long RING = 256L << 20;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final FileChannel file;
    private long position;

    private FloorServer(FileChannel file) {
        this.file = file;
    }

    public static void main(String[] argv) throws Exception {
        int port = 19100;
        Path dir = null;
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--port" -> port = Integer.parseInt(argv[++i]);
                case "--dir" -> dir = Path.of(argv[++i]);
                default -> throw new IllegalArgumentException("unknown option " + argv[i]);
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("--dir is required");
        }
        Server server = start(port, dir);
        System.out.println("floor-server listening on 127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
        server.join();
    }

    /** Starts the floor on 127.0.0.1:{@code port} (0: any free port), its ring file {@code floor.dat} in {@code dir}. */
    static Server start(int port, Path dir) throws Exception {
        Files.createDirectories(dir);
        FileChannel file = FileChannel.open(dir.resolve("floor.dat"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        // Written once up front and then overwritten in a ring: an fdatasync then flushes data only,
        // never block allocation or a size change, the cheapest durable write the filesystem has.
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        for (long at = 0; at < RING; at += zeros.capacity()) {
            file.write(zeros.clear(), at);
        }
        file.force(true);
        FloorServer floor = new FloorServer(file);
        Thread committer = new Thread(floor::commitLoop, "floor-commit");
        committer.setDaemon(true);
        committer.start();

        Server server = JettyServer.create("floor", 200, "127.0.0.1", port, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return floor.handle(request, response, callback);
            }
        });
        server.start();
        return server;
    }

    private boolean handle(Request request, Response response, Callback callback) throws IOException {
        String path = request.getHttpURI().getPath();
        boolean objectPut = HttpMethod.PUT.is(request.getMethod()) && path.indexOf('/', 1) > 0 && request.getHttpURI().getQuery() == null;
        ByteBuffer body = Content.Source.asByteBuffer(request);
        if (!objectPut) {
            response.setStatus(200);
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            return true;
        }
        queue.add(new Pending(body, response, callback));
        return true;
    }

    private void commitLoop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch);
                for (Pending p : batch) {
                    if (position + p.body().remaining() > RING) {
                        position = 0;
                    }
                    while (p.body().hasRemaining()) {
                        position += file.write(p.body(), position);
                    }
                }
                file.force(false);
                for (Pending p : batch) {
                    p.response().setStatus(200);
                    p.response().getHeaders().put("ETag", "\"floor\"");
                    p.response().write(true, BufferUtil.EMPTY_BUFFER, p.callback());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                batch.forEach(p -> p.callback().failed(e));
            }
            batch.clear();
        }
    }
}

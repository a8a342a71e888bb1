package org.amber.bench.floor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The floor writes each object PUT's body to its file before it answers, and only those bodies. */
class FloorServerTest {
    @TempDir
    Path dir;

    @Test
    void objectPutsLandInTheFileInOrderOtherRequestsDoNot() throws Exception {
        Server server = FloorServer.start(0, dir);
        try {
            String base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            HttpClient http = HttpClient.newHttpClient();
            byte[] first = new byte[4096];
            byte[] second = new byte[1000];
            new Random(7).nextBytes(first);
            new Random(8).nextBytes(second);
            assertEquals(200, put(http, base + "/bucket?object-lock", new byte[] {1, 2, 3}).statusCode());
            HttpResponse<Void> r = put(http, base + "/bucket/a", first);
            assertEquals(200, r.statusCode());
            assertEquals("\"floor\"", r.headers().firstValue("etag").orElse(null));
            assertEquals(200, put(http, base + "/bucket", new byte[] {4, 5}).statusCode());
            assertEquals(200, put(http, base + "/bucket/b", second).statusCode());

            ByteBuffer head = ByteBuffer.allocate(first.length + second.length + 16);
            try (FileChannel f = FileChannel.open(dir.resolve("floor.dat"))) {
                f.read(head, 0);
            }
            byte[] written = head.array();
            assertArrayEquals(first, Arrays.copyOfRange(written, 0, first.length));
            assertArrayEquals(second, Arrays.copyOfRange(written, first.length, first.length + second.length));
            assertArrayEquals(new byte[16], Arrays.copyOfRange(written, first.length + second.length, written.length),
                    "nothing but the two object bodies was written");
        } finally {
            server.stop();
        }
    }

    private static HttpResponse<Void> put(HttpClient http, String url, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding());
    }
}

package org.amber.daemon;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * systemd's notification protocol, spoken directly: one datagram per message to the AF_UNIX socket named
 * by {@code NOTIFY_SOCKET} (a path, or {@code @name} in the abstract namespace). JDK datagram channels
 * cannot send to a Unix socket, so the three libc calls go through JNA. Without a socket every message
 * is dropped silently, as sd_notify(3) does. Thread-safe.
 */
final class SdNotify {
    private static final Logger LOG = LoggerFactory.getLogger(SdNotify.class);
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int SUN_PATH = 108;

    /** The libc calls used. */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        NativeLong sendto(int fd, byte[] buf, NativeLong len, int flags, byte[] addr, int addrlen);

        int close(int fd);
    }

    private final String socket;
    private volatile LibC libc;

    SdNotify(String socket) {
        this.socket = socket == null || socket.isEmpty() ? null : socket;
    }

    /** The notifier systemd asked for in the environment (NOTIFY_SOCKET), or a silent one. */
    static SdNotify fromEnvironment() {
        return new SdNotify(System.getenv("NOTIFY_SOCKET"));
    }

    boolean enabled() {
        return socket != null;
    }

    /** Sends {@code state} (e.g. {@code READY=1\nSTATUS=serving}); false if there is no socket or it failed. */
    boolean send(String state) {
        if (socket == null) {
            return false;
        }
        byte[] addr = address(socket);
        if (addr == null) {
            LOG.warn("NOTIFY_SOCKET {} is not a usable AF_UNIX address", socket);
            return false;
        }
        LibC c = lib();
        int fd = c.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            LOG.warn("sd_notify: socket() failed, errno {}", Native.getLastError());
            return false;
        }
        try {
            byte[] msg = state.getBytes(StandardCharsets.UTF_8);
            long sent = c.sendto(fd, msg, new NativeLong(msg.length), MSG_NOSIGNAL, addr, addr.length).longValue();
            if (sent != msg.length) {
                LOG.warn("sd_notify to {} failed, errno {}", socket, Native.getLastError());
                return false;
            }
            return true;
        } finally {
            c.close(fd);
        }
    }

    private LibC lib() {
        LibC c = libc;
        if (c == null) {
            c = Native.load("c", LibC.class);
            libc = c;
        }
        return c;
    }

    /** A {@code struct sockaddr_un} for a path or an abstract name ({@code @name}), trimmed to its used length. */
    static byte[] address(String socket) {
        boolean abstractName = socket.startsWith("@");
        byte[] name = (abstractName ? socket.substring(1) : socket).getBytes(StandardCharsets.UTF_8);
        if (!abstractName && !socket.startsWith("/")) {
            return null;
        }
        int pathLength = abstractName ? 1 + name.length : name.length + 1;
        if (pathLength > SUN_PATH) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(2 + pathLength).order(ByteOrder.nativeOrder());
        b.putShort((short) AF_UNIX);
        if (abstractName) {
            b.put((byte) 0);
        }
        b.put(name);
        return b.array();
    }
}

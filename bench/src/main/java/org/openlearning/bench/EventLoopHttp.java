package org.openlearning.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A closed-loop HTTP/1.1 load generator on non-blocking sockets: each {@link Exchange} is one
 * keep-alive connection with one request in flight, and a few event-loop threads drive them all.
 * At the request rates of the hot-path benchmarks a thread (even a virtual one) per connection
 * costs the machine more CPU than the server under test spends on a request; here a request costs
 * the client one write and (mostly) one read. Answers are parsed for their status and body
 * (Content-Length or chunked); a connection the server closes is opened again.
 */
final class EventLoopHttp {

    /** One connection's conversation; called on its event-loop thread only. */
    interface Exchange {

        /** The next request, whole (head and body); null when this exchange is done. */
        byte[] next();

        /** The answer to the last request: status, body, client-side latency in nanoseconds. */
        void answered(int status, byte[] body, long nanos);

        /** The last request failed (connection refused, reset, closed mid-answer). */
        void failed(IOException e, long nanos);
    }

    /** A request's head for a JSON body and a bearer token (null: none). */
    static byte[] request(String method, String path, String host, String bearer, String json) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n");
        if (bearer != null) {
            head.append("Authorization: Bearer ").append(bearer).append("\r\n");
        }
        if (json != null) {
            head.append("Content-Type: application/json\r\n");
        }
        head.append("Accept: application/json\r\nContent-Length: ").append(body.length).append("\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /**
     * Runs every exchange until {@code deadline} (System.nanoTime) or until each is done, on
     * {@code threads} event loops; answers still in flight at the deadline are waited for.
     */
    static void run(URI server, List<? extends Exchange> exchanges, int threads, long deadline)
            throws InterruptedException {
        InetSocketAddress address = new InetSocketAddress(server.getHost(), server.getPort());
        List<Thread> loops = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Exchange> mine = new ArrayList<>();
            for (int i = t; i < exchanges.size(); i += threads) {
                mine.add(exchanges.get(i));
            }
            loops.add(Thread.ofPlatform().name("http-loop-" + t).start(() -> loop(address, mine, deadline)));
        }
        for (Thread loop : loops) {
            loop.join();
        }
    }

    private static void loop(InetSocketAddress address, List<Exchange> exchanges, long deadline) {
        try (Selector selector = Selector.open()) {
            int open = 0;
            for (Exchange exchange : exchanges) {
                Connection c = new Connection(exchange, address, deadline);
                if (c.start(selector)) {
                    open++;
                }
            }
            while (open > 0) {
                selector.select(100);
                var selected = selector.selectedKeys();
                for (SelectionKey key : selected) {
                    Connection c = (Connection) key.attachment();
                    if (!c.ready(key, selector)) {
                        open--;
                    }
                }
                selected.clear();
                if (System.nanoTime() > deadline + 30_000_000_000L) {
                    break; // answers 30 s overdue: give up on them
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("event loop failed", e);
        }
    }

    /** One keep-alive connection and its parser state. */
    private static final class Connection {

        private final Exchange exchange;
        private final InetSocketAddress address;
        private final long deadline;
        private SocketChannel channel;
        private ByteBuffer out;
        private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        private long sentAt;
        private boolean reconnect;

        Connection(Exchange exchange, InetSocketAddress address, long deadline) {
            this.exchange = exchange;
            this.address = address;
            this.deadline = deadline;
        }

        /** Sends the first request; false when there is none. */
        boolean start(Selector selector) {
            return send(selector);
        }

        /** Handles readiness; false when this connection is finished for good. */
        boolean ready(SelectionKey key, Selector selector) {
            try {
                if (key.isConnectable() && channel.finishConnect()) {
                    key.interestOps(SelectionKey.OP_WRITE);
                }
                if (key.isValid() && key.isWritable()) {
                    channel.write(out);
                    if (!out.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (key.isValid() && key.isReadable()) {
                    if (channel.read(in) < 0) {
                        throw new EOFException("connection closed by the server");
                    }
                    Answer answer = Answer.parse(in);
                    if (answer == null) {
                        if (!in.hasRemaining()) {
                            in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
                        }
                        return true;
                    }
                    in.clear();
                    exchange.answered(answer.status, answer.body, System.nanoTime() - sentAt);
                    if (answer.close) {
                        close();
                    }
                    return send(selector);
                }
                return true;
            } catch (IOException e) {
                close();
                exchange.failed(e, System.nanoTime() - sentAt);
                return send(selector);
            }
        }

        private boolean send(Selector selector) {
            if (System.nanoTime() >= deadline) {
                close();
                return false;
            }
            byte[] request = exchange.next();
            if (request == null) {
                close();
                return false;
            }
            out = ByteBuffer.wrap(request);
            in.clear();
            sentAt = System.nanoTime();
            try {
                if (channel == null) {
                    channel = SocketChannel.open();
                    channel.configureBlocking(false);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    channel.connect(address);
                    channel.register(selector, SelectionKey.OP_CONNECT, this);
                    return true;
                }
                channel.write(out);
                channel.keyFor(selector).interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                return true;
            } catch (IOException e) {
                close();
                exchange.failed(e, System.nanoTime() - sentAt);
                // a refused connection: try again on the next loop rather than spin
                return !reconnectTooSoon() && send(selector);
            }
        }

        private boolean reconnectTooSoon() {
            boolean again = reconnect;
            reconnect = !reconnect;
            if (again) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            }
            return false;
        }

        private void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // a broken connection: nothing left to release
                }
                channel = null;
            }
        }
    }

    /** A parsed answer. */
    private record Answer(int status, byte[] body, boolean close) {

        /** The answer in {@code buffer} (in write mode), or null while it is incomplete. */
        static Answer parse(ByteBuffer buffer) throws IOException {
            byte[] b = buffer.array();
            int end = buffer.position();
            int headEnd = indexOf(b, 0, end, "\r\n\r\n");
            if (headEnd < 0) {
                return null;
            }
            String[] lines = new String(b, 0, headEnd, StandardCharsets.US_ASCII).split("\r\n");
            HttpHead head = HttpHead.of(lines[0], java.util.Arrays.asList(lines).subList(1, lines.length));
            int status = head.status();
            long length = head.length();
            boolean chunked = head.chunked();
            boolean close = head.close();
            int bodyStart = headEnd + 4;
            if (chunked) {
                return chunked(b, bodyStart, end, status, close);
            }
            if (length < 0) {
                length = 0;
                close = true; // a body up to the end of the connection: not worth reading for load
            }
            if (end - bodyStart < length) {
                return null;
            }
            byte[] body = new byte[(int) length];
            System.arraycopy(b, bodyStart, body, 0, body.length);
            return new Answer(status, body, close);
        }

        private static Answer chunked(byte[] b, int from, int end, int status, boolean close) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            int at = from;
            while (true) {
                int lineEnd = indexOf(b, at, end, "\r\n");
                if (lineEnd < 0) {
                    return null;
                }
                String size = new String(b, at, lineEnd - at, StandardCharsets.US_ASCII);
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                at = lineEnd + 2;
                if (n == 0) {
                    return indexOf(b, at, end, "\r\n") < 0 ? null : new Answer(status, body.toByteArray(), close);
                }
                if (end - at < n + 2) {
                    return null;
                }
                body.write(b, at, n);
                at += n + 2;
            }
        }

        private static int indexOf(byte[] b, int from, int end, String what) {
            outer:
            for (int i = from; i <= end - what.length(); i++) {
                for (int j = 0; j < what.length(); j++) {
                    if (b[i + j] != what.charAt(j)) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}

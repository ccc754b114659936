package org.openlearning.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A lean HTTP/1.1 client for load generation: one keep-alive socket, requests written as raw bytes,
 * the answer read back as status line, headers and a Content-Length (or chunked) body. Reconnects
 * when the server closes the connection (Tomcat does every 100 requests). One per client thread.
 */
final class HttpLoad implements AutoCloseable {

    /**
     * A status code and the body: for {@link #get} always, otherwise only for answers outside 2xx
     * (to show what went wrong).
     */
    record Answer(int status, String body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String errorBody() {
            return ok() ? null : body;
        }
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final String hostHeader;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int connects;

    HttpLoad(URI base) {
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 80 : base.getPort();
        this.hostHeader = host + ":" + port;
    }

    /** Connections opened so far (the first one included). */
    int connects() {
        return connects;
    }

    /** {@code PUT path} with a JSON body and a bearer token. */
    Answer put(String path, String bearer, String json) throws IOException {
        return send("PUT", path, bearer, json, false);
    }

    /** {@code POST path} with a JSON body and a bearer token; the answer keeps its whole body. */
    Answer post(String path, String bearer, String json) throws IOException {
        return send("POST", path, bearer, json, true);
    }

    private Answer send(String method, String path, String bearer, String json, boolean keepBody) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "Authorization: Bearer " + bearer + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Accept: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return exchange(request, keepBody);
    }

    /** {@code GET path} asking for JSON; the answer keeps its whole body. */
    Answer get(String path) throws IOException {
        String head = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "Accept: application/json\r\n\r\n";
        return exchange(head.getBytes(StandardCharsets.US_ASCII), true);
    }

    private Answer exchange(byte[] request, boolean keepBody) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
            return readAnswer(keepBody);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8192);
        out = s.getOutputStream();
        connects++;
    }

    private Answer readAnswer(boolean keepBody) throws IOException {
        String statusLine = readLine();
        List<String> headers = new ArrayList<>();
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            headers.add(header);
        }
        HttpHead head = HttpHead.of(statusLine, headers);
        int code = head.status();
        long length = head.length();
        boolean chunked = head.chunked();
        boolean close = head.close();
        boolean ok = code >= 200 && code < 300;
        ByteArrayOutputStream keep = ok && !keepBody ? null : new ByteArrayOutputStream();
        int limit = keepBody ? Integer.MAX_VALUE : 1000;
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                body(size, keep, limit);
                readLine();
            }
            while (!readLine().isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            body(length, keep, limit);
        } else if (length < 0 && code != 204 && code != 304) {
            close = true; // the body runs to the end of the connection: not worth reading for load
        }
        if (close) {
            close();
        }
        return new Answer(code, keep == null ? null : keep.toString(StandardCharsets.UTF_8));
    }

    private long chunkSize() throws IOException {
        String size = readLine();
        int semicolon = size.indexOf(';');
        return Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
    }

    private void body(long length, ByteArrayOutputStream keep, int limit) throws IOException {
        if (keep == null) {
            in.skipNBytes(length);
            return;
        }
        int wanted = (int) Math.min(length, Math.max(0, limit - keep.size()));
        byte[] bytes = in.readNBytes(wanted);
        keep.write(bytes, 0, bytes.length);
        if (bytes.length < wanted) {
            throw new EOFException("connection closed inside a response body");
        }
        in.skipNBytes(length - bytes.length);
    }

    private String readLine() throws IOException {
        line.reset();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a broken connection: nothing left to do
            }
            socket = null;
            in = null;
            out = null;
        }
    }
}

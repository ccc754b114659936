package org.openlearning.bench;

import java.io.IOException;
import java.util.List;

/**
 * The head of an HTTP/1.x answer as the load generators need it: the status, the body's length
 * (-1: none given), whether it is chunked and whether the server closes the connection after it.
 */
record HttpHead(int status, long length, boolean chunked, boolean close) {

    static HttpHead of(String statusLine, List<String> headers) throws IOException {
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP status line: "
                    + statusLine.substring(0, Math.min(40, statusLine.length())));
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = statusLine.startsWith("HTTP/1.0");
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        return new HttpHead(status, length, chunked, close);
    }
}

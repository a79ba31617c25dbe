package dev.berth.docker.internal.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.transport.SSLConfig;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * One HTTP/1.1 exchange with an engine over its unix socket or TCP (with TLS when the docker environment asks for
 * it), for the archive endpoints only: docker-java's transport reads them at about 25 MiB/s, this at the engine's own
 * speed. A TLS connection verifies the engine's host name, as an HTTPS client does. Every read has a deadline
 * ({@link ReadDeadline}): a stalled engine fails the read instead of hanging it. The connection is closed after the
 * exchange.
 */
final class HttpConnection implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUFFER = 1 << 16;

    private final Closeable socket;
    private final ReadDeadline deadline;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private int status;
    private final Map<String, String> headers = new HashMap<>();

    private HttpConnection(Closeable socket, InputStream in, OutputStream out, String host, Duration readTimeout) {
        this.socket = socket;
        this.deadline = ReadDeadline.watch(socket, readTimeout);
        this.in = new BufferedInputStream(deadline.guard(in), BUFFER);
        this.out = deadline.guard(out);
        this.host = host;
    }

    static HttpConnection open(String endpoint, Duration connectTimeout, Duration readTimeout) throws IOException {
        URI uri = URI.create(endpoint);
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        if (scheme.equals("unix")) {
            SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(uri.getPath()));
            return new HttpConnection(channel, Channels.newInputStream(channel), Channels.newOutputStream(channel),
                    "localhost", readTimeout);
        }
        if (!scheme.equals("tcp") && !scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("volume data streams over unix:// or tcp:// engine endpoints; " + endpoint
                    + " is neither: connect Berth to the engine's unix socket or TCP port");
        }
        Socket socket = tls(endpoint, uri.getHost());
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) connectTimeout.toMillis());
        if (socket instanceof SSLSocket ssl) {
            ssl.startHandshake();
        }
        return new HttpConnection(socket, socket.getInputStream(), socket.getOutputStream(),
                uri.getHost() + ":" + uri.getPort(), readTimeout);
    }

    /**
     * A TLS socket when the docker environment configures certificates (as docker-java reads it), else plain. The TLS
     * socket checks that the engine's certificate names {@code host}.
     */
    private static Socket tls(String endpoint, String host) throws IOException {
        SSLConfig ssl = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(endpoint).build()
                .getSSLConfig();
        if (ssl == null) {
            return new Socket();
        }
        try {
            SSLContext context = ssl.getSSLContext();
            if (context == null) {
                return new Socket();
            }
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName(host)));
            socket.setSSLParameters(parameters);
            return socket;
        } catch (Exception e) {
            throw new IOException("the engine's TLS configuration cannot be used: " + e.getMessage(), e);
        }
    }

    /** Sends the request line and headers; a body, if any, follows on {@link #output()}. */
    void send(String method, String target, Map<String, String> extraHeaders) throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\nUser-Agent: berth\r\nConnection: close\r\n");
        extraHeaders.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    OutputStream output() {
        return out;
    }

    /** Reads a response's status line and headers; returns the status. */
    int readHead() throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("the engine answered with something other than HTTP: '" + statusLine + "'");
        }
        status = Integer.parseInt(parts[1]);
        headers.clear();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return status;
    }

    /** The body of the response whose head was read; closing it closes the connection. */
    InputStream body() {
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return new ChunkedInputStream(in);
        }
        String length = headers.get("content-length");
        if (length == null) {
            return in;
        }
        try {
            return BoundedInputStream.builder().setInputStream(in).setMaxCount(Long.parseLong(length)).get();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The engine's error, for a failed response: its JSON {@code message}, or the raw body. */
    dev.berth.EngineCallException failure(String endpoint, String what) {
        String message;
        try (InputStream body = body()) {
            byte[] bytes = body.readNBytes(BUFFER);
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            message = text.startsWith("{") ? JSON.readTree(text).path("message").asText(text) : text;
        } catch (IOException e) {
            message = "no message (" + e.getMessage() + ")";
        }
        return EngineFailures.of(what, endpoint, status, message);
    }

    /** One line of a response head or a chunk size, without its CR LF. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the engine closed the connection mid-answer");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        deadline.close();
        socket.close();
    }
}

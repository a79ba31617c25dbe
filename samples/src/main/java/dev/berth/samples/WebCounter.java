package dev.berth.samples;

import dev.berth.Berth;
import dev.berth.BerthException;
import dev.berth.Node;
import dev.berth.Placement;
import dev.berth.Readiness;
import dev.berth.StatefulContainer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The web half of the Flocker demo (seed 001): a stateless web app that counts its page views in Redis with
 * {@code INCR} and answers {@code Hello! This page has been seen N times.} It keeps nothing itself, so it is simply
 * started again next to Redis wherever Redis goes. It runs on the Redis image (which has {@code redis-cli} and Perl),
 * so that no other image is needed.
 */
public final class WebCounter {
    /** The port the app listens on inside its container. */
    public static final int PORT = 8080;
    private static final String SERVER = String.join("\n",
            "use strict; use IO::Socket::INET; $| = 1;",
            "my $server = IO::Socket::INET->new(LocalPort => " + PORT + ", Listen => 16, ReuseAddr => 1)",
            "    or die \"cannot listen: $!\";",
            "print \"web counter listening on " + PORT + "\\n\";",
            "while (my $c = $server->accept) {",
            "    while (my $line = <$c>) { last if $line =~ /^\\r?\\n$/ }",
            "    my $n = `redis-cli -h $ENV{REDIS_HOST} -p $ENV{REDIS_PORT} INCR visits 2>&1`; chomp $n;",
            "    my ($status, $body) = $n =~ /^\\d+$/ ? ('200 OK', \"Hello! This page has been seen $n times.\\n\")",
            "        : ('503 Service Unavailable', \"Redis did not answer: $n\\n\");",
            "    print $c \"HTTP/1.0 $status\\r\\nContent-Type: text/plain\\r\\nContent-Length: \" . length($body)",
            "        . \"\\r\\n\\r\\n$body\";",
            "    close $c;",
            "}");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Starts the app on {@code node}, talking to the Redis of {@code redis}. */
    public StatefulContainer start(Berth berth, String name, Node node, StatefulContainer redis) {
        return berth.container(name).image(new Redis().image())
                .command("perl", "-e", SERVER)
                .env("REDIS_HOST", redis.host())
                .env("REDIS_PORT", Integer.toString(redis.mappedPort(Redis.PORT)))
                .port(PORT)
                .placement(Placement.node(node.id()))
                .readyWhen(Readiness.logLine("web counter listening"))
                .start();
    }

    /** Visits the page once; returns what it says. */
    public String visit(StatefulContainer web) {
        URI page = URI.create("http://" + web.host() + ":" + web.mappedPort(PORT) + "/");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new BerthException("The web counter at " + page + " answered " + response.statusCode() + ": "
                        + response.body().strip());
            }
            return response.body().strip();
        } catch (IOException e) {
            throw new BerthException("The web counter at " + page + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while visiting " + page, e);
        }
    }
}

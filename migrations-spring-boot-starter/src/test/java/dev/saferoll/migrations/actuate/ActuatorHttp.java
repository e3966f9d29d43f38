package dev.saferoll.migrations.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;

/** Real HTTP against an application on a local port, for the endpoint tests: never a 500 goes unnoticed. */
public final class ActuatorHttp {

    private static final HttpClient http = HttpClient.newHttpClient();

    private final int port;

    public ActuatorHttp(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isNotEqualTo(500);
        return response;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + this.port + path);
    }

    /** A JSON path of a body. */
    public static Object read(String json, String path) {
        return JsonPath.read(json, path);
    }

    /** The value of the first Prometheus sample of {@code name} whose labels contain every one given. */
    public static double sample(String scrape, String name, String... labels) {
        Pattern line = Pattern.compile("^" + name + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(scrape);
        while (matcher.find()) {
            String found = (matcher.group(1) != null) ? matcher.group(1) : "";
            if (List.of(labels).stream().allMatch(found::contains)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("No sample " + name + " with " + List.of(labels) + " in:\n" + scrape);
    }
}

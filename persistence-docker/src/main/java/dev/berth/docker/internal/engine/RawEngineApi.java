package dev.berth.docker.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Engine API calls docker-java has no command for (or makes otherwise than the engine means), under the API version agreed, as JSON. */
final class RawEngineApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerHttpClient http;
    private final ApiVersion version;
    private final String endpoint;

    RawEngineApi(DockerHttpClient http, ApiVersion version, String endpoint) {
        this.http = http;
        this.version = version;
        this.endpoint = endpoint;
    }

    /** The answer to {@code GET path}; empty on 404. */
    Optional<JsonNode> get(String path) {
        String operation = "answer GET " + path;
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/v" + version + path).build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            int status = response.getStatusCode();
            if (status == 404) {
                return Optional.empty();
            }
            JsonNode json = JSON.readTree(body);
            if (status >= 300) {
                throw EngineFailures.of(operation, endpoint, status, json.path("message").asText(json.toString()));
            }
            return Optional.of(json);
        } catch (IOException | RuntimeException e) {
            throw EngineFailures.translate(operation, endpoint, e);
        }
    }

    /** {@code POST path} with a JSON body, for calls docker-java cannot make as the engine means them. */
    JsonNode post(String path, String json) {
        String operation = "answer POST " + path;
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST).path("/v" + version + path)
                .headers(java.util.Map.of("Content-Type", "application/json"))
                .body(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            int status = response.getStatusCode();
            byte[] text = body.readAllBytes();
            JsonNode answer = text.length == 0 ? JSON.createObjectNode() : JSON.readTree(text);
            if (status >= 300) {
                throw EngineFailures.of(operation, endpoint, status, answer.path("message").asText(answer.toString()));
            }
            return answer;
        } catch (IOException | RuntimeException e) {
            throw EngineFailures.translate(operation, endpoint, e);
        }
    }

    /** {@code DELETE path}; one that is gone (404) is done. */
    void delete(String path) {
        String operation = "answer DELETE " + path;
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.DELETE).path("/v" + version + path).build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            int status = response.getStatusCode();
            byte[] text = body.readAllBytes();
            if (status >= 300 && status != 404) {
                JsonNode answer = text.length == 0 ? JSON.createObjectNode() : JSON.readTree(text);
                throw EngineFailures.of(operation, endpoint, status, answer.path("message").asText(answer.toString()));
            }
        } catch (IOException | RuntimeException e) {
            throw EngineFailures.translate(operation, endpoint, e);
        }
    }

    /** Creates a container; see {@link ContainerCreateJson} for why not through docker-java. */
    String createContainer(ContainerDefinition definition) {
        String path = "/containers/create?name=" + java.net.URLEncoder.encode(definition.name(),
                java.nio.charset.StandardCharsets.UTF_8);
        return post(path, ContainerCreateJson.of(definition)).path("Id").asText();
    }

    /** docker-java's "no" policy has an empty name, which an update reads as "unchanged": the name is sent here. */
    void updateRestartPolicy(String id, dev.berth.RestartPolicy policy) {
        post("/containers/" + id + "/update", "{\"RestartPolicy\":{\"Name\":\""
                + ContainerCreateJson.restartPolicy(policy) + "\"}}");
    }
}

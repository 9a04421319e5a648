package dev.wxacode.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The call behind a rid, as getRidInfo ({@code /cgi-bin/openapi/rid/get}) tells it: what the server
 * kept of it, credentials redacted.
 *
 * @param requestUrl   the query string
 * @param requestBody  the JSON body; empty for none
 * @param responseBody the errcode JSON the call was answered with; empty for a success
 * @param clientIp     the caller's address, partly hidden
 */
public record RidInfo(Instant invokeTime, long costInMs, String requestUrl, String requestBody, String responseBody,
                      String clientIp) {

    static RidInfo of(JsonNode reply) {
        JsonNode request = reply.path("request");
        return new RidInfo(Instant.ofEpochSecond(request.path("invoke_time").asLong()), request.path("cost_in_ms").asLong(),
                request.path("request_url").asText(""), request.path("request_body").asText(""),
                request.path("response_body").asText(""), request.path("client_ip").asText(""));
    }
}

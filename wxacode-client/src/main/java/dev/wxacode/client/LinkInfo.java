package dev.wxacode.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What a URL Scheme or URL Link opens, as queryscheme ({@code scheme_info}) and query_urllink
 * ({@code url_link_info}) tell it.
 *
 * @param path the page; empty for the home page
 */
public record LinkInfo(String appid, String path, String query, Instant createTime, Instant expireTime,
                       String envVersion) {

    static LinkInfo of(JsonNode info) {
        return new LinkInfo(info.path("appid").asText(""), info.path("path").asText(""), info.path("query").asText(""),
                Instant.ofEpochSecond(info.path("create_time").asLong()),
                Instant.ofEpochSecond(info.path("expire_time").asLong()), info.path("env_version").asText(""));
    }
}

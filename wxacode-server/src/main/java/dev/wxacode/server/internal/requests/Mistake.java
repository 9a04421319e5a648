package dev.wxacode.server.internal.requests;

import dev.wxacode.server.requests.Warning;

/**
 * The SDK mistakes the request log warns about, each under the code it carries on the wire. They
 * are the ones teams make in practice; several pass unnoticed against WeChat, or fail there with
 * an errcode that does not name the cause.
 */
public enum Mistake {
    SCENE_URL_ENCODED("scene_url_encoded"),
    SCENE_DOUBLE_ENCODED("scene_double_encoded"),
    PAGE_LEADING_SLASH("page_leading_slash"),
    PAGE_QUERY("page_query"),
    PATH_LEADING_SLASH("path_leading_slash"),
    TRIAL_PAGE_NOT_RELEASED("trial_page_not_released"),
    EXPIRY_PAST_30_DAYS("expiry_past_30_days"),
    ENV_VERSION_EMPTY("env_version_empty"),
    ENV_VERSION_BOOLEAN("env_version_boolean"),
    ACCESS_TOKEN_IN_BODY("access_token_in_body"),
    LINE_COLOR_IGNORED("line_color_ignored"),
    LINE_COLOR_LIGHT("line_color_light"),
    CHUNKED_BODY("chunked_body"),
    TOKEN_MINTED_OFTEN("token_minted_often"),
    RETRY_WITHOUT_WAITING("retry_without_waiting");

    private final String code;

    Mistake(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    Warning warn(String message) {
        return new Warning(code, message);
    }
}

package dev.wxacode.junit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceImpl;
import cn.binarywang.wx.miniapp.config.impl.WxMaDefaultConfigImpl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wxacode.core.link.LinkUrl;
import dev.wxacode.core.scan.CodeReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import me.chanjar.weixin.common.error.WxErrorException;

/** WxJava, unmodified, pointed at an extension's server the way a backend's test points it; and what its codes open. */
final class WxJava {
    static final String HOME = "pages/index/index";

    private WxJava() {
    }

    /** A WxJava client of a seeded app, whose API host is the extension's server. */
    static WxMaService client(WxacodeExtension wx, String appid) {
        WxMaDefaultConfigImpl config = new WxMaDefaultConfigImpl();
        config.setAppid(appid);
        config.setSecret(wx.app(appid).secret());
        config.setApiHostUrl(wx.baseUrl());
        WxMaService service = new WxMaServiceImpl();
        service.setWxMaConfig(config);
        // WxJava waits before retrying a -1; the tests need not.
        service.setRetrySleepMillis(1);
        return service;
    }

    /** A 430 px release code of the home page, as a backend asks WxJava for one. */
    static byte[] code(WxMaService service, String scene) throws WxErrorException {
        return service.getQrcodeService().createWxaCodeUnlimitBytes(scene, HOME, true, "release", 430, false, null, false);
    }

    /**
     * Reads the code with ZXing and opens its link on the server, as a phone would: the JSON of what
     * the mini program receives (appid, page, env_version, query.scene, decoded_scene).
     */
    static JsonNode open(WxacodeExtension wx, byte[] image) throws IOException, InterruptedException {
        String text = new CodeReader(10_000_000).read(image);
        assertThat(text).startsWith(wx.baseUrl().toUpperCase(Locale.ROOT) + "/L/");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> reply = http.send(HttpRequest.newBuilder(
                    URI.create(wx.baseUrl() + "/L/" + LinkUrl.tokenOf(text).orElseThrow())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(reply.statusCode()).isEqualTo(200);
            return new ObjectMapper().readTree(reply.body());
        }
    }
}

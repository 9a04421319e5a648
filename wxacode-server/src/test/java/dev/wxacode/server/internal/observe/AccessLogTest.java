package dev.wxacode.server.internal.observe;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** A server of its own, so that no other test's request lands in the lines it reads. */
class AccessLogTest {
    @RegisterExtension
    final ServerExtension server = ServerExtension.fresh();
    final TestServer s = server.get();

    @Test
    void one_line_per_request_and_never_a_secret_sent_in_the_wrong_field() {
        Logger access = (Logger) LoggerFactory.getLogger("wxacode.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        try {
            String token = s.token(SHOP, SHOP_SECRET);
            s.code(token, "{\"scene\":\"secret-scene\"}");
            s.get("/cgi-bin/token?grant_type=client_credential&appid=" + SHOP_SECRET + "&secret=" + SHOP);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (lines.list.size() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(messages).hasSize(3);
            assertThat(messages.get(1)).matches("method=POST route=/wxa/getwxacodeunlimit status=200 errcode=0 appid="
                    + SHOP + " ms=[0-9.]+ rid=[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}");
            assertThat(messages.get(2)).contains("errcode=40013", "appid=invalid");
            assertThat(String.join("\n", messages)).doesNotContain(SHOP_SECRET, token, "secret-scene");
        } finally {
            access.detachAppender(lines);
        }
    }

}

package dev.wxacode.server.internal.scan;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.internal.http.Bodies;
import dev.wxacode.server.internal.http.Exchange;
import dev.wxacode.server.internal.http.Replies;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.link.Resolution;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code POST /wxa/scan}: a photo or file of a code in, its resolution out. The image comes as
 * the raw body (any Content-Type) or as the first file of a multipart form.
 */
public final class ScanRoutes {
    public static final String PATH = "/wxa/scan";

    /** Room for the form's boundaries and part headers around the file. */
    private static final int FORM_OVERHEAD = 16 * 1024;

    private final Function<byte[], Resolution> scanner;

    /** @param scanner decodes an image and resolves its link (within the CPU slots: anyone may upload) */
    public ScanRoutes(Function<byte[], Resolution> scanner) {
        this.scanner = scanner;
    }

    public void register(Routes routes) {
        routes.post(PATH, this::scan);
    }

    private void scan(Context ctx) {
        byte[] image = ctx.isMultipartFormData() ? firstFile(ctx) : Bodies.upload(ctx).bytes();
        Resolution resolution = scanner.apply(image);
        Exchange.appid(ctx, resolution.appid());
        Replies.json(ctx, 200, Replies.JSON_CHARSET, resolution.toJson());
    }

    /** Jetty enforces the size limit while parsing the form (see the server's multipart settings). */
    private byte[] firstFile(Context ctx) {
        int maxUploadBytes = Bodies.uploadCap(ctx);
        Bodies.cap(ctx, maxUploadBytes + FORM_OVERHEAD);
        if (ctx.req().getContentLengthLong() > maxUploadBytes + FORM_OVERHEAD) {
            throw new WxException(Errcode.IMAGE_TOO_LARGE, "form of " + ctx.req().getContentLengthLong(), maxUploadBytes + " bytes");
        }
        List<UploadedFile> files;
        try {
            files = ctx.uploadedFiles();
        } catch (Exception e) {
            // Jetty's form parser throws (sometimes checked, rethrown unchecked) for a malformed
            // form, a part over the limit, or a form sent too slowly.
            Optional<WxException> slow = Bodies.slow(e, ctx.req().getRemoteAddr(), Errcode.IMAGE_TOO_LARGE);
            if (slow.isPresent()) {
                throw slow.get();
            }
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("size")) {
                throw new WxException(Errcode.IMAGE_TOO_LARGE, "multipart form: " + e.getMessage(), maxUploadBytes + " bytes");
            }
            throw new WxException(Errcode.UNREADABLE_IMAGE, "multipart form: " + e.getClass().getSimpleName());
        }
        if (files.isEmpty()) {
            throw new WxException(Errcode.UNREADABLE_IMAGE, "multipart form without a file");
        }
        if (files.getFirst().size() > maxUploadBytes) {
            throw new WxException(Errcode.IMAGE_TOO_LARGE, "upload of " + files.getFirst().size(), maxUploadBytes + " bytes");
        }
        try (InputStream in = files.getFirst().content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw Bodies.failure(e, ctx.req().getRemoteAddr(), Errcode.IMAGE_TOO_LARGE);
        }
    }
}

package dev.wxacode.server.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Files the server ships inside its jar: the OpenAPI document, the console's page and assets. */
public final class Resources {
    private Resources() {
    }

    /**
     * @param name an absolute classpath name such as {@code /openapi.json}
     * @throws IllegalStateException when the jar lacks it: a broken build, found at start
     */
    public static byte[] read(String name) {
        try (InputStream in = Resources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.wxacode.client;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why an I/O step failed, in a person's words. The JDK's HTTP client often gives its exceptions no
 * message (a refused connection is a {@code ConnectException} with none), and file errors' messages
 * are only the file's name.
 */
public final class IoReasons {
    /**
     * In order, each looked for along the whole cause chain before the next: an unknown host comes
     * as a ConnectException wrapping the resolver's failure, and a connect timeout is an HTTP timeout too.
     */
    private static final Map<Class<? extends Throwable>, String> REASONS = reasons();

    private IoReasons() {
    }

    private static Map<Class<? extends Throwable>, String> reasons() {
        Map<Class<? extends Throwable>, String> reasons = new LinkedHashMap<>();
        reasons.put(UnknownHostException.class, "unknown host");
        reasons.put(UnresolvedAddressException.class, "unknown host");
        reasons.put(HttpConnectTimeoutException.class, "no connection within the connect timeout");
        reasons.put(HttpTimeoutException.class, "no answer within the request timeout");
        reasons.put(ConnectException.class, "connection refused");
        reasons.put(NoSuchFileException.class, "no such file");
        reasons.put(AccessDeniedException.class, "permission denied");
        reasons.put(NotDirectoryException.class, "a part of the path is not a folder");
        return Collections.unmodifiableMap(reasons);
    }

    /** For a failure reaching a server or reading a file: "connection refused", "unknown host", "no such file"… */
    public static String of(Throwable failure) {
        for (Map.Entry<Class<? extends Throwable>, String> reason : REASONS.entrySet()) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (reason.getKey().isInstance(t)) {
                    return reason.getValue();
                }
            }
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }
}

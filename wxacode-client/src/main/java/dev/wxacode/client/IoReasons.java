package dev.wxacode.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why an I/O step failed, in a person's words. The JDK's HTTP client often gives its exceptions no
 * message (a refused connection is a {@code ConnectException} with none), and file errors' messages
 * are only the file's name.
 */
public final class IoReasons {
    private IoReasons() {
    }

    /** For a failure reaching a server or reading a file: "connection refused", "unknown host", "no such file"… */
    public static String of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String reason = known(t);
            if (reason != null) {
                return reason;
            }
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }

    private static String known(Throwable t) {
        if (t instanceof HttpConnectTimeoutException) {
            return "no connection within the connect timeout";
        }
        if (t instanceof HttpTimeoutException) {
            return "no answer within the request timeout";
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
            return "unknown host";
        }
        if (t instanceof NoSuchFileException) {
            return "no such file";
        }
        if (t instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (t instanceof NotDirectoryException) {
            return "a part of the path is not a folder";
        }
        return null;
    }
}

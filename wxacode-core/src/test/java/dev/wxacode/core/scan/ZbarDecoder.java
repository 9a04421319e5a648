package dev.wxacode.core.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * ZBar's {@code zbarimg} (Debian's zbar-tools): a third decoder, in C, whose finder search fits
 * lines to each finder's edges, unlike ZXing's and BoofCV's. Missing, it fails the test that asks
 * for it rather than skip it: {@code .ci/run} installs it.
 */
public final class ZbarDecoder {
    private ZbarDecoder() {
    }

    /** The text of the one code zbarimg finds in a JPEG or PNG file. */
    public static Optional<String> read(byte[] file) {
        Path image = null;
        try {
            image = Files.createTempFile("wxacode-zbar", ".img");
            Files.write(image, file);
            Process zbar = new ProcessBuilder("zbarimg", "--quiet", "--raw", "-Sqrcode.enable=1", image.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(zbar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!zbar.waitFor(30, TimeUnit.SECONDS)) {
                zbar.destroyForcibly();
                throw new IllegalStateException("zbarimg took over 30 s");
            }
            // Exit 4: no code found. One line per code found.
            String[] lines = out.strip().split("\n");
            return zbar.exitValue() == 0 && lines.length == 1 ? Optional.of(lines[0]) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("zbarimg (Debian package zbar-tools) must be installed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (image != null) {
                try {
                    Files.deleteIfExists(image);
                } catch (IOException e) {
                    // a temporary file left behind
                }
            }
        }
    }
}

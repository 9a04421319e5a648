package dev.wxacode.core.style;

import dev.wxacode.core.scan.Pictures;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An app's logo, decoded once, for the middle of its codes. Two logos are equal when their files
 * are: the digest names the logo in a drawing's name, so a new logo gives new images.
 */
public final class Logo {
    /** Larger uploads are refused by the registry; the same bound here keeps decoding cheap. */
    public static final long MAX_PIXELS = 4096L * 4096;
    /** Fitted copies kept: one per width asked for recently. */
    private static final int FITTED_KEPT = 16;

    private final BufferedImage image;
    private final String digest;
    private final Map<Integer, BufferedImage> fitted = new LinkedHashMap<>(FITTED_KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, BufferedImage> eldest) {
            return size() > FITTED_KEPT;
        }
    };

    private Logo(BufferedImage image, String digest) {
        this.image = image;
        this.digest = digest;
    }

    /** @throws dev.wxacode.core.wire.WxException as {@link Pictures#decode} for a file that is not a JPEG or PNG */
    public static Logo of(byte[] file) {
        BufferedImage decoded = Pictures.decode(file, MAX_PIXELS);
        BufferedImage argb = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.drawImage(decoded, 0, 0, null);
        g.dispose();
        return new Logo(argb, digestOf(file));
    }

    /** The first 16 bytes of the file's SHA-256, in hex. */
    public String digest() {
        return digest;
    }

    /**
     * The logo scaled to fit a {@code box} × {@code box} square, its proportions kept and centred
     * on transparency. Shared: never draw into it.
     */
    BufferedImage fitted(int box) {
        synchronized (fitted) {
            return fitted.computeIfAbsent(box, this::fit);
        }
    }

    private BufferedImage fit(int box) {
        double ratio = Math.min((double) box / image.getWidth(), (double) box / image.getHeight());
        int w = Math.max(1, (int) Math.round(image.getWidth() * ratio));
        int h = Math.max(1, (int) Math.round(image.getHeight() * ratio));
        // Halving at most per step: one bilinear step from a large logo to a small box skips most
        // of its pixels and leaves jagged edges.
        BufferedImage current = image;
        while (current.getWidth() / 2 >= w && current.getHeight() / 2 >= h) {
            current = scaled(current, current.getWidth() / 2, current.getHeight() / 2, current.getWidth() / 2,
                    current.getHeight() / 2, 0, 0);
        }
        return scaled(current, w, h, box, box, (box - w) / 2, (box - h) / 2);
    }

    private static BufferedImage scaled(BufferedImage from, int w, int h, int canvasW, int canvasH, int x, int y) {
        BufferedImage to = new BufferedImage(canvasW, canvasH, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = to.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(from, x, y, w, h, null);
        g.dispose();
        return to;
    }

    /** What {@link #digest} is for a logo made of this file, without decoding it. */
    public static String digestOf(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Logo logo && logo.digest.equals(digest);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "Logo[" + digest + ", " + image.getWidth() + "x" + image.getHeight() + "]";
    }
}

package dev.wxacode.core.style;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Logos drawn for the tests, as an app would upload them. */
final class TestLogos {
    /** The brand's green, the colour the logo's middle has. */
    static final int GREEN = 0x07C160;

    private TestLogos() {
    }

    /** A green rounded square with two white bubbles on it, on transparency: an app icon. */
    static byte[] brand() {
        BufferedImage image = new BufferedImage(300, 300, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = greenSquare(image);
        g.fill(new Ellipse2D.Double(50, 70, 130, 110));
        g.fill(new Ellipse2D.Double(130, 130, 120, 100));
        g.dispose();
        return png(image);
    }

    /**
     * A green square with a white ring and a dark dot inside. Thresholded at mid grey, as the fast
     * read-back sees a drawing, WeChat's green is dark (luminance 126 of 255), and the logo becomes
     * dark, light, dark: a finder pattern, as wide as the finders at some widths.
     */
    static byte[] ringed() {
        BufferedImage image = new BufferedImage(300, 300, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = greenSquare(image);
        g.setStroke(new BasicStroke(24));
        g.draw(new Ellipse2D.Double(70, 70, 160, 160));
        g.setColor(new Color(0x1B1B1B));
        g.fill(new Ellipse2D.Double(125, 125, 50, 50));
        g.dispose();
        return png(image);
    }

    /** A photograph-like logo: a dark gradient, wider than high, as a JPEG. */
    static byte[] photo() {
        BufferedImage image = new BufferedImage(400, 260, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0x202840), 400, 260, new Color(0xC04020)));
        g.fillRect(0, 0, 400, 260);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The app icon's ground: a green rounded square on transparency; the pen is then white. */
    private static Graphics2D greenSquare(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(GREEN));
        g.fill(new RoundRectangle2D.Double(10, 10, 280, 280, 80, 80));
        g.setColor(Color.WHITE);
        return g;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

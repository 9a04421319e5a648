package dev.wxacode.core.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AutoColorTest {

    @Test
    void no_brand_means_black() {
        assertThat(AutoColor.lineColorFor(Optional.empty())).isEqualTo(LineColor.BLACK);
    }

    @Test
    void a_dark_enough_brand_is_used_as_is() {
        LineColor navy = new LineColor(0, 0, 128);
        assertThat(AutoColor.lineColorFor(Optional.of(navy))).isEqualTo(navy);
    }

    @Test
    void a_light_brand_is_darkened_until_it_contrasts_keeping_its_hue() {
        LineColor wechatGreen = LineColor.parseHex("#07C160");
        assertThat(wechatGreen.contrastOnWhite()).isLessThan(AutoColor.MIN_CONTRAST);
        LineColor line = AutoColor.lineColorFor(Optional.of(wechatGreen));
        assertThat(line.contrastOnWhite()).isGreaterThanOrEqualTo(AutoColor.MIN_CONTRAST);
        assertThat(line.g()).isGreaterThan(line.r()).isGreaterThan(0);
        assertThat(line.g()).isGreaterThan(line.b());

        LineColor white = AutoColor.lineColorFor(Optional.of(new LineColor(255, 255, 255)));
        assertThat(white.contrastOnWhite()).isGreaterThanOrEqualTo(AutoColor.MIN_CONTRAST);
    }

    @Test
    void the_dominant_logo_colour_ignores_white_background_and_transparency() {
        BufferedImage logo = new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                int argb;
                if (x < 30) {
                    argb = 0x00000000;         // transparent
                } else if (x < 60) {
                    argb = 0xFFFFFFFF;         // white
                } else if (x < 90) {
                    argb = 0xFFE53935;         // red, the brand
                } else {
                    argb = 0xFF1E88E5;         // a little blue
                }
                logo.setRGB(x, y, argb);
            }
        }
        assertThat(AutoColor.dominantColor(logo)).contains(LineColor.ofRgb(0xE53935));
    }

    @Test
    void a_grey_logo_gives_its_average_and_an_empty_one_nothing() {
        BufferedImage grey = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                grey.setRGB(x, y, 0x404040);
            }
        }
        assertThat(AutoColor.dominantColor(grey)).contains(LineColor.ofRgb(0x404040));
        assertThat(AutoColor.dominantColor(new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB))).isEmpty();
    }
}

package dev.wxacode.cli.batch;

/** The values of the columns a row does not give. */
public record RowDefaults(String page, int width, String lineColor, boolean autoColor, boolean hyaline,
                          String envVersion, boolean checkPath) {
}

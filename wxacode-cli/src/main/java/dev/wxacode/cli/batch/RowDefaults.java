package dev.wxacode.cli.batch;

import java.util.Optional;

/**
 * The values of the columns a row does not give.
 *
 * @param print every code for print (SVG or PDF), or empty for the API's JPEG or PNG
 */
public record RowDefaults(String page, int width, String lineColor, boolean autoColor, boolean hyaline,
                          String envVersion, boolean checkPath, Optional<Print> print) {
}

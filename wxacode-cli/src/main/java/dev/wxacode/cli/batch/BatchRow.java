package dev.wxacode.cli.batch;

/**
 * One row of a batch, with the command's defaults filled in for the columns it lacks.
 *
 * @param line      its line number in the input file (1 = the first line)
 * @param text      the line as read, so that a resumed batch can tell whether the input changed
 * @param lineColor {@code #RRGGBB}, or null for black
 * @param filename  the output file's name, extension included
 */
public record BatchRow(long line, String text, String scene, String page, int width, String lineColor, boolean autoColor,
                       boolean hyaline, String envVersion, boolean checkPath, String filename) implements RowReader.Entry {
}

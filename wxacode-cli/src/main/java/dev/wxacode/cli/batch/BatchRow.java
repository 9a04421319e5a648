package dev.wxacode.cli.batch;

/**
 * One row of a batch, with the command's defaults filled in for the columns it lacks.
 *
 * @param line      its line number in the input file (1 = the first line)
 * @param lineColor {@code #RRGGBB}, or null for black
 * @param filename  the output file's name, extension included
 */
public record BatchRow(long line, String scene, String page, int width, String lineColor, boolean autoColor,
                       boolean hyaline, String envVersion, boolean checkPath, String filename) implements RowReader.Entry {

    /**
     * Everything that shapes the row's file, as one string: a rerun redoes a row when this changed,
     * whether the line was edited or an option such as {@code --hyaline} was added.
     */
    String identity() {
        return String.join("\u0000", scene, page, Integer.toString(width), String.valueOf(lineColor),
                Boolean.toString(autoColor), Boolean.toString(hyaline), envVersion, Boolean.toString(checkPath), filename);
    }
}

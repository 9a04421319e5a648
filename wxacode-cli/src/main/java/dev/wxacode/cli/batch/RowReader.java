package dev.wxacode.cli.batch;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a batch's CSV one line at a time, so a million rows never sit in memory together.
 *
 * <p>With a header line (its first cell is exactly {@code scene}), columns are found by name:
 * {@code scene, page, width, line_color, auto_color, hyaline, env_version, check_path, filename}, all
 * but {@code scene} optional. Without one, the columns are {@code scene, page, width, line_color,
 * filename} in that order. Values may be quoted; one row per line; CRLF and a leading byte order
 * mark are fine. Bytes that are not UTF-8 (a GBK export, say) make their row invalid, not the batch.
 */
public final class RowReader implements Closeable {
    static final List<String> POSITIONAL = List.of("scene", "page", "width", "line_color", "filename");
    static final Set<String> COLUMNS = Set.of("scene", "page", "width", "line_color", "auto_color", "hyaline",
            "env_version", "check_path", "filename");
    private static final Pattern COLOR = Pattern.compile("#?[0-9A-Fa-f]{6}");
    /** A plain file name: no directory, no hidden file, nothing a shell or an archive would trip on. */
    private static final Pattern FILENAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    /** The names given to rows without a filename: a row may not take one for itself. */
    private static final Pattern DEFAULT_NAME = Pattern.compile("\\d{7}\\.(jpg|png|svg|pdf)", Pattern.CASE_INSENSITIVE);

    private static final char UNDECODABLE = '\uFFFD';

    /** What a line of input becomes. */
    public sealed interface Entry permits BatchRow, Invalid {
        long line();
    }

    /** A line that could not become a row, with why. */
    public record Invalid(long line, String text, String reason) implements Entry {
    }

    /** How many lines the input has, and how many of them are rows. */
    public record Counts(long lines, long rows) {
    }

    private final BufferedReader in;
    private final ObjectReader csv = new CsvMapper().readerForListOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY);
    private final RowDefaults defaults;
    /** Names rows gave themselves, lower case (file systems that ignore case would merge them), to their line. */
    private final Map<String, Long> chosenNames = new HashMap<>();
    private List<String> columns = POSITIONAL;
    /** The first line, when it is a row rather than a header: read by the constructor, returned first. */
    private String firstRow;
    private long line;

    /**
     * Opens the input and reads its header, if it has one.
     *
     * @throws IllegalArgumentException for a header naming an unknown column: before any row is made
     */
    public RowReader(Path input, RowDefaults defaults) throws IOException {
        this.in = open(input);
        this.defaults = defaults;
        String first = in.readLine();
        if (first != null) {
            line = 1;
            first = withoutBom(first);
            if (isHeader(first)) {
                try {
                    columns = header(first);
                } catch (IllegalArgumentException e) {
                    in.close();
                    throw e;
                }
            } else {
                firstRow = first;
            }
        }
    }

    private List<String> header(String text) {
        List<String> names = cells(text).stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).toList();
        for (String name : names) {
            if (!COLUMNS.contains(name)) {
                throw new IllegalArgumentException("line 1: unknown column '" + name + "'; known: " + COLUMNS.stream().sorted().toList());
            }
        }
        return names;
    }

    /** UTF-8, with undecodable bytes replaced by {@link #UNDECODABLE} instead of failing the whole read. */
    static BufferedReader open(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }

    /** One pass over the input, for progress and for sizing the table of done rows. */
    public static Counts count(Path input, Shard shard) throws IOException {
        try (BufferedReader reader = open(input)) {
            long lines = 0;
            long rows = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                lines++;
                if (shard.includes(lines) && !text.isBlank() && !(lines == 1 && isHeader(withoutBom(text)))) {
                    rows++;
                }
            }
            return new Counts(lines, rows);
        }
    }

    /**
     * The next row or invalid line; null at the end of the input.
     *
     * @throws IOException if the file cannot be read
     */
    public Entry next() throws IOException {
        while (true) {
            String text;
            if (firstRow != null) {
                text = firstRow;
                firstRow = null;
            } else {
                text = in.readLine();
                if (text == null) {
                    return null;
                }
                line++;
            }
            if (text.isBlank()) {
                continue;
            }
            if (text.indexOf(UNDECODABLE) >= 0) {
                return new Invalid(line, text, "not UTF-8 text (save the file as UTF-8)");
            }
            try {
                return row(text);
            } catch (IllegalArgumentException e) {
                return new Invalid(line, text, e.getMessage());
            }
        }
    }

    private BatchRow row(String text) {
        List<String> cells = cells(text);
        if (cells.size() > columns.size()) {
            throw new IllegalArgumentException(cells.size() + " columns, at most " + columns.size() + " expected");
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String value = cells.get(i).trim();
            if (!value.isEmpty()) {
                values.put(columns.get(i), value);
            }
        }
        String scene = values.get("scene");
        if (scene == null) {
            throw new IllegalArgumentException("no scene");
        }
        boolean hyaline = bool(values, "hyaline", defaults.hyaline());
        String lineColor = values.getOrDefault("line_color", defaults.lineColor());
        if (lineColor != null && !COLOR.matcher(lineColor).matches()) {
            throw new IllegalArgumentException("line_color '" + lineColor + "' is not #RRGGBB");
        }
        int width = integer(values, "width", defaults.width());
        boolean autoColor = bool(values, "auto_color", defaults.autoColor());
        boolean checkPath = bool(values, "check_path", defaults.checkPath());
        // Last, so that a name is only taken by a row that is otherwise valid.
        String filename = values.containsKey("filename") ? chosenName(values.get("filename"))
                : String.format("%07d", line) + "." + defaults.print().map(print -> print.format().extension())
                        .orElse(hyaline ? "png" : "jpg");
        return new BatchRow(line, scene, values.getOrDefault("page", defaults.page()), width, lineColor, autoColor, hyaline,
                values.getOrDefault("env_version", defaults.envVersion()), checkPath, filename);
    }

    private String chosenName(String filename) {
        if (!FILENAME.matcher(filename).matches() || filename.endsWith(".part") || filename.equalsIgnoreCase(Manifest.FILE)
                || filename.equalsIgnoreCase(Batch.ERRORS)) {
            throw new IllegalArgumentException("filename '" + filename + "' is not a plain file name");
        }
        if (DEFAULT_NAME.matcher(filename).matches()) {
            throw new IllegalArgumentException("filename '" + filename + "' looks like a line's own name (0000042.jpg); choose another");
        }
        Long first = chosenNames.putIfAbsent(filename.toLowerCase(Locale.ROOT), line);
        if (first != null) {
            throw new IllegalArgumentException("filename '" + filename + "' is line " + first + "'s already");
        }
        return filename;
    }

    private List<String> cells(String text) {
        try (MappingIterator<List<String>> it = csv.readValues(text)) {
            return it.hasNext() ? it.next() : new ArrayList<>();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a CSV line: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** Spreadsheet programs often start a UTF-8 CSV with a byte order mark. */
    private static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** A header's first cell is exactly {@code scene}; a first row's scene may only start with it. */
    private static boolean isHeader(String text) {
        int comma = text.indexOf(',');
        String first = (comma < 0 ? text : text.substring(0, comma)).trim().replace("\"", "");
        return first.equalsIgnoreCase("scene");
    }

    private static int integer(Map<String, String> values, String column, int absent) {
        String value = values.get(column);
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + value + "' is not a whole number");
        }
    }

    private static boolean bool(Map<String, String> values, String column, boolean absent) {
        String value = values.get(column);
        if (value == null) {
            return absent;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(column + " '" + value + "' is not true or false");
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

package dev.wxacode.cli.batch;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
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
 * <p>With a header line (its first cell is {@code scene}), columns are found by name:
 * {@code scene, page, width, line_color, auto_color, hyaline, env_version, check_path, filename}, all
 * but {@code scene} optional. Without one, the columns are {@code scene, page, width, line_color,
 * filename} in that order. Values may be quoted; one row per line.
 */
public final class RowReader implements Closeable {
    static final List<String> POSITIONAL = List.of("scene", "page", "width", "line_color", "filename");
    static final Set<String> COLUMNS = Set.of("scene", "page", "width", "line_color", "auto_color", "hyaline",
            "env_version", "check_path", "filename");
    /** A plain file name: no directory, no hidden file, nothing a shell or an archive would trip on. */
    private static final Pattern COLOR = Pattern.compile("#?[0-9A-Fa-f]{6}");
    private static final Pattern FILENAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    /** What a line of input becomes. */
    public sealed interface Entry permits BatchRow, Invalid {
        long line();

        String text();
    }

    /** A line that could not become a row, with why. */
    public record Invalid(long line, String text, String reason) implements Entry {
    }

    private final BufferedReader in;
    private final ObjectReader csv = new CsvMapper().readerForListOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY);
    private final RowDefaults defaults;
    private List<String> columns = POSITIONAL;
    private long line;

    public RowReader(Path input, RowDefaults defaults) throws IOException {
        this.in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
        this.defaults = defaults;
    }

    /** Lines holding rows (blank lines and the header excluded), counted in one pass for progress. */
    public static long countRows(Path input) throws IOException {
        try (var lines = Files.lines(input, StandardCharsets.UTF_8)) {
            long[] count = {0};
            boolean[] first = {true};
            lines.forEach(text -> {
                if (!text.isBlank() && !(first[0] && isHeader(withoutBom(text)))) {
                    count[0]++;
                }
                first[0] = false;
            });
            return count[0];
        }
    }

    /**
     * The next row or invalid line; null at the end of the input.
     *
     * @throws IOException if the file cannot be read
     */
    public Entry next() throws IOException {
        while (true) {
            String text = in.readLine();
            if (text == null) {
                return null;
            }
            line++;
            if (line == 1) {
                text = withoutBom(text);
            }
            if (text.isBlank()) {
                continue;
            }
            if (line == 1 && isHeader(text)) {
                List<String> names = cells(text).stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).toList();
                for (String name : names) {
                    if (!COLUMNS.contains(name)) {
                        throw new IOException("line 1: unknown column '" + name + "'; known: " + COLUMNS.stream().sorted().toList());
                    }
                }
                columns = names;
                continue;
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
        String filename = values.getOrDefault("filename", String.format("%07d", line) + (hyaline ? ".png" : ".jpg"));
        if (!FILENAME.matcher(filename).matches() || filename.endsWith(".part") || filename.equalsIgnoreCase(Manifest.FILE)
                || filename.equalsIgnoreCase(Batch.ERRORS)) {
            throw new IllegalArgumentException("filename '" + filename + "' is not a plain file name");
        }
        return new BatchRow(line, text, scene, values.getOrDefault("page", defaults.page()),
                integer(values, "width", defaults.width()), lineColor,
                bool(values, "auto_color", defaults.autoColor()), hyaline,
                values.getOrDefault("env_version", defaults.envVersion()), bool(values, "check_path", defaults.checkPath()),
                filename);
    }

    private List<String> cells(String text) {
        try (MappingIterator<List<String>> it = csv.readValues(text)) {
            return it.hasNext() ? it.next() : new ArrayList<>();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a CSV line: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Spreadsheet programs often start a UTF-8 CSV with a byte order mark. */
    private static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static boolean isHeader(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replace("\"", "").startsWith("scene");
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

package dev.wxacode.cli.batch;

/**
 * One machine's share of a batch split across {@code count} machines: lines {@code index},
 * {@code index + count}, {@code index + 2 × count} … of the input (line 1 is the file's first line).
 * The split depends only on line numbers, so every machine, given the same file, agrees on who
 * makes which row without talking to the others; their output directories then merge without
 * collisions.
 *
 * @param index 1 to {@code count}
 */
public record Shard(int index, int count) {
    /** The whole batch. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is i/n with 1 <= i <= n, got " + index + "/" + count);
        }
    }

    /** @throws IllegalArgumentException unless {@code text} is {@code i/n}, e.g. {@code 2/4} */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/", -1);
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("a shard is i/n, e.g. 2/4, got '" + text + "'");
    }

    boolean includes(long line) {
        return (line - 1) % count == index - 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}

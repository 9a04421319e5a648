package dev.wxacode.cli;

import dev.wxacode.cli.batch.Print;
import dev.wxacode.client.CodeImage;
import dev.wxacode.client.IoReasons;
import dev.wxacode.client.WxaCodeClient;
import dev.wxacode.client.WxaCodeException;
import dev.wxacode.core.wire.WxException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wxacode gen}: one code, through the HTTP API. */
@Command(name = "gen", mixinStandardHelpOptions = true,
        description = {"Make one code through the HTTP API and write it to a file.", "",
                "Example: wxacode gen --scene id=42 --page pages/detail/detail -o code.jpg"})
final class GenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Mixin
    CodeOptions code;

    @Mixin
    PrintOptions printing;

    @Option(names = "--scene", required = true, paramLabel = "SCENE", description = "The scene, 1-32 characters.")
    String scene;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the image; - for standard output (default: code.jpg, code.png with --hyaline, or"
                    + " code.svg or code.pdf with --format).")
    String output;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        CodeImage image;
        try {
            Optional<Print> print = printing.print();
            WxaCodeClient client = api.client();
            image = client.getUnlimited(code.request(scene));
            if (print.isPresent()) {
                image = print.get().of(image, client, code.width);
            }
        } catch (IllegalArgumentException e) {
            err.println("wxacode gen: " + e.getMessage());
            return ExitCode.BAD_USAGE;
        } catch (WxaCodeException e) {
            err.println("wxacode gen: refused: " + e.errcode() + " " + e.errmsg());
            return ExitCode.REFUSED;
        } catch (UncheckedIOException e) {
            err.println("wxacode gen: " + e.getMessage());
            return ExitCode.FAILED;
        } catch (WxException e) {
            err.println("wxacode gen: the server's code does not read: " + e.errmsgText());
            return ExitCode.FAILED;
        }
        try {
            if ("-".equals(output)) {
                System.out.write(image.bytes());
                System.out.flush();
            } else {
                Path file = Path.of(output == null ? "code." + image.extension() : output);
                try {
                    Files.write(file, image.bytes());
                } catch (IOException e) {
                    err.println("wxacode gen: cannot write " + file + ": " + IoReasons.of(e));
                    return ExitCode.FAILED;
                }
                err.println("wrote " + file + " (" + image.contentType() + ", " + image.bytes().length + " bytes)");
            }
        } catch (IOException e) {
            err.println("wxacode gen: cannot write to standard output: " + IoReasons.of(e));
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }
}

package io.engram.runtime.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", description = "Re-render a finished run's report.txt from its report.json and print it.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR")
    Path dir;

    @Override
    public Integer call() throws Exception {
        System.out.print(io.engram.runtime.report.ReportText.render(io.engram.runtime.report.ReportRenderer.rerender(dir)));
        return EngramCli.EXIT_OK;
    }
}

package io.engram.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one section of {@code engram bench} in a JVM of its own (as JMH forks one per benchmark): the JIT then
 * compiles each section's hot code with that section's profile only, so a section's figures do not depend on which
 * sections ran before it in the same process. The child's output is copied to this process's standard output line by
 * line; its bench.json is read back and returned.
 */
final class SectionFork {
    /** Heap options of this JVM that the child inherits (nothing else: no agents, no flight recordings). */
    private static final List<String> INHERITED_PREFIXES = List.of("-Xmx", "-Xms", "-Xss");
    /**
     * Every child JVM gets the JDK's vector API, which the crossbar model's SIMD column kernel needs (the same sums
     * to the bit as the scalar kernel, faster): an incubator module in JDK 17, so the JVM announces it on one
     * line of its own, which is not copied.
     */
    static final String VECTOR_MODULE = io.engram.chip.crossbar.VectorApi.MODULE;
    private static final String INCUBATOR_NOTICE = "WARNING: Using incubator modules: " + VECTOR_MODULE;

    private SectionFork() {}

    /**
     * @param options every bench option except {@code --only}, {@code -o} and the fork switch, as explicit arguments
     * @return the child's bench.json as a map (its "machine" entry and its section)
     */
    static Map<String, Object> run(String section, List<String> options) throws IOException, InterruptedException {
        Path json = Files.createTempFile("engram-bench-" + section + "-", ".json");
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                for (String p : INHERITED_PREFIXES) if (a.startsWith(p)) cmd.add(a);
            }
            cmd.add("--add-modules");
            cmd.add(VECTOR_MODULE);
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(EngramCli.class.getName());
            cmd.add("bench");
            cmd.add("--only");
            cmd.add(section);
            cmd.addAll(options);
            cmd.add("--no-fork");
            cmd.add("--forked");
            cmd.add("-o");
            cmd.add(json.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.equals(INCUBATOR_NOTICE)) System.out.println(line);
                }
            }
            int code = p.waitFor();
            if (code != EngramCli.EXIT_OK) {
                throw new IllegalStateException("bench section " + section + " ended with exit code " + code
                        + " in its own JVM (command: " + String.join(" ", cmd) + ")");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = new ObjectMapper().readValue(json.toFile(), LinkedHashMap.class);
            return m;
        } finally {
            Files.deleteIfExists(json);
        }
    }
}

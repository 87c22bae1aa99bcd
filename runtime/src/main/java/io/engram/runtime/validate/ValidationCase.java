package io.engram.runtime.validate;

import java.nio.file.Path;
import java.util.List;

/**
 * A validation case: a data folder ({@code validation/NAME/} on the classpath: {@code case.yaml} with the published
 * figures, their sources and conditions, and a README saying what was calibrated on what) and the code that runs it.
 */
public sealed interface ValidationCase permits LoihiDvsCase, NeurramCase, MacroCase {

    /** Name used by {@code --only} and in validation.json. */
    String name();

    CaseResult run(Options options);

    /**
     * @param quick  the CI form: a subset of points
     * @param sanafe path of SANA-FE's DVS gesture network (dvs.yaml); the Loihi case is skipped when it is absent
     * @param seed   seed of the random workloads
     */
    record Options(boolean quick, Path sanafe, long seed) {}

    static List<ValidationCase> all() {
        return List.of(new NeurramCase(), new MacroCase(), new LoihiDvsCase());
    }

    static List<String> names() { return all().stream().map(ValidationCase::name).toList(); }
}

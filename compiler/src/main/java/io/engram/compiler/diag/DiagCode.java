package io.engram.compiler.diag;

/**
 * The catalogue of every diagnostic the compiler can emit. Codes are stable: tools and tests match on them, so a
 * code is never reused for a different meaning. Every code has a test input that triggers it
 * ({@code DiagnosticCatalogueTest}).
 * <p>Ranges: E1xx network description and validation, E2xx NIR import, E3xx partitioning, E4xx placement,
 * E5xx memory allocation; W = warning, N = note.
 */
public enum DiagCode {
    E100("invalid network or overlay file"),
    E101("duplicate layer name"),
    E102("layer input has the wrong shape"),
    E103("kernel larger than its (padded) input"),
    E104("pooling layer with no weighted layer before it"),
    E105("learning rule needs a different competition"),
    E106("learning rule needs spiking neurons"),
    E107("k-WTA k larger than the group"),
    E108("network has no weighted layer"),
    E109("invalid layer parameter"),
    W101("SoftHebb temperature differs from the competition's"),
    E200("unreadable NIR file"),
    E201("unsupported NIR node type"),
    E202("unsupported NIR feature"),
    E203("recurrent NIR connection"),
    E204("NIR graph is not a chain of layers"),
    E205("overlay names an unknown layer"),
    E206("NIR parameter missing, malformed or of the wrong shape"),
    W201("NIR parameters approximated"),
    N201("NIR time step assumed"),
    N202("NIR operation folded into weights or threshold"),
    E301("layer needs more crossbar rows and row splitting is off"),
    N301("layer-wide update scaling needs a cross-core reduction"),
    E401("network needs more cores than the chip has"),
    E501("core SRAM overflow");

    private final String title;

    DiagCode(String title) { this.title = title; }

    public String title() { return title; }

    public Severity severity() {
        switch (name().charAt(0)) {
            case 'E': return Severity.ERROR;
            case 'W': return Severity.WARNING;
            default: return Severity.NOTE;
        }
    }
}

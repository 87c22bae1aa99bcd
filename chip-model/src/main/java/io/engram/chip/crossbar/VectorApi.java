package io.engram.chip.crossbar;

import java.util.function.Supplier;

/**
 * The JDK's vector API ({@code jdk.incubator.vector}, incubating in JDK 17): whether this JVM has it, and the one way
 * the SIMD kernels are picked ({@link ColumnKernel}, {@code plasticity.UpdateKernel}). A JVM has the module only when
 * started with {@code --add-modules jdk.incubator.vector}; then it prints one warning line.
 */
public final class VectorApi {
    /** The module the SIMD kernels need. */
    public static final String MODULE = "jdk.incubator.vector";

    private VectorApi() {}

    /** True when the module is in this JVM's boot layer. */
    public static boolean present() { return ModuleLayer.boot().findModule(MODULE).isPresent(); }

    /**
     * A new instance of the SIMD kernel class {@code simdClass} (by name, so that a JVM without the module never links
     * it) when the module is present and the class loads, else {@code scalar.get()}.
     */
    public static <T> T simdOr(String simdClass, Class<T> type, Supplier<? extends T> scalar) {
        if (!present()) return scalar.get();
        try {
            var constructor = Class.forName(simdClass).getDeclaredConstructor();
            constructor.setAccessible(true); // a kernel class may be package-private
            return type.cast(constructor.newInstance());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return scalar.get();
        }
    }
}

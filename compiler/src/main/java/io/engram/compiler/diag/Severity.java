package io.engram.compiler.diag;

/** How bad a diagnostic is. Only errors stop the compile. */
public enum Severity { ERROR, WARNING, NOTE }

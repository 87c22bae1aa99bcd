/**
 * What a run reports: {@link io.engram.runtime.report.Report} (typed records, written as report.json by
 * {@link io.engram.runtime.report.ReportJson}, rendered as report.txt), the manifest, counters.csv, weights.h5 and the
 * plots; {@link io.engram.runtime.report.RunFolder} writes them all, each atomically.
 */
package io.engram.runtime.report;

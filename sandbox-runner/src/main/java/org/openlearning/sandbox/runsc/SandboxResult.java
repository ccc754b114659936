package org.openlearning.sandbox.runsc;

/**
 * What happened to one sandbox run.
 *
 * @param exitCode    exit status of the program, or null when it died by a signal
 * @param signal      the signal that ended it (SIGKILL when the runner killed it), or null
 * @param termination why it ended
 * @param stdout      the first bytes of its stdout (as many as the output limit allows, plus one)
 * @param stderr      the first bytes of its stderr
 */
public record SandboxResult(Integer exitCode, Integer signal, Termination termination, long wallMs, long cpuMs,
                            byte[] stdout, boolean outputExceeded, byte[] stderr, boolean oomKilled,
                            long memoryPeakBytes) {

    /** Why a run ended. */
    public enum Termination {
        /** the program exited (or died of a signal of its own doing) */
        EXITED,
        /** the runner killed it at the wall-time deadline */
        WALL_TIME,
        /** the runner killed it when the host saw its CPU time pass the limit */
        CPU_TIME,
        /** the runner killed it when its output passed the limit */
        OUTPUT
    }
}

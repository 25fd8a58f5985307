package org.chamberpulse.report;

/** A report that cannot be made, with a message for the person who asked for it. */
public final class ReportException extends RuntimeException {

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}

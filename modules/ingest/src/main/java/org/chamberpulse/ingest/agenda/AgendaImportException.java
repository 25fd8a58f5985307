package org.chamberpulse.ingest.agenda;

/** An agenda that cannot be imported, with a message that says why and what to do. */
public final class AgendaImportException extends RuntimeException {

    public AgendaImportException(String message) {
        super(message);
    }

    public AgendaImportException(String message, Throwable cause) {
        super(message, cause);
    }
}

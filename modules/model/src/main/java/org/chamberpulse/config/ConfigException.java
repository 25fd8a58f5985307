package org.chamberpulse.config;

/** A configuration that cannot start: the message says what to change. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}

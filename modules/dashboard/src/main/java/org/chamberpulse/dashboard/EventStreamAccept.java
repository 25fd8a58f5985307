package org.chamberpulse.dashboard;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Makes {@code /events} an event stream for every client: Javalin streams only to requests that send
 * {@code Accept: text/event-stream} (browsers' EventSource does) and answers others, such as a plain
 * {@code curl -N}, with an empty 200.
 */
final class EventStreamAccept implements Filter {

    static final String EVENT_STREAM = "text/event-stream";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        chain.doFilter(request instanceof HttpServletRequest http ? new AcceptsEventStream(http) : request, response);
    }

    private static final class AcceptsEventStream extends HttpServletRequestWrapper {
        AcceptsEventStream(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return "Accept".equalsIgnoreCase(name) ? EVENT_STREAM : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Accept".equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(EVENT_STREAM)) : super.getHeaders(name);
        }
    }
}

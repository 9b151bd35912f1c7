package io.reelay.access;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenPathsTest {

    private final OpenPaths open = new OpenPaths(true);

    @Test
    void healthAndItsSubPathsAreOpen() {
        assertTrue(open.isOpen("/health"));
        assertTrue(open.isOpen("/health/liveness"));
        assertFalse(open.isOpen("/healthz"));
    }

    @Test
    void metricsAreOpenUnlessClosed() {
        assertTrue(open.isOpen("/prometheus"));
        assertFalse(new OpenPaths(false).isOpen("/prometheus"));
        assertTrue(new OpenPaths(false).isOpen("/health"));
    }

    @Test
    void theLivePageAndTheApiDocumentsAreOpen() {
        assertTrue(open.isOpen("/"));
        assertTrue(open.isOpen("/index.html"));
        assertTrue(open.isOpen("/style.css"));
        assertTrue(open.isOpen("/favicon.ico"));
        assertTrue(open.isOpen("/js/app.js"));
        assertTrue(open.isOpen("/webjars/hls.js/1.4.12/dist/hls.min.js"));
        assertTrue(open.isOpen("/openapi/reelay-state-0.1.yml"));
    }

    @Test
    void everyApiAndManagementPathNeedsAKey() {
        assertFalse(open.isOpen("/jobs"));
        assertFalse(open.isOpen("/jobs/"));
        assertFalse(open.isOpen("/jobs/j1"));
        assertFalse(open.isOpen("/jobs/j1/events"));
        assertFalse(open.isOpen("/jobs/revoke"));
        assertFalse(open.isOpen("/uploads"));
        assertFalse(open.isOpen("/loggers"));
        assertFalse(open.isOpen("/env"));
        assertFalse(open.isOpen(""));
        assertFalse(open.isOpen(null));
    }

    @Test
    void aJobWhoseIdLooksLikeAFileIsStillProtected() {
        assertFalse(open.isOpen("/jobs/app.js"));
        assertFalse(open.isOpen("/jobs/style.css"));
    }

    @Test
    void pathsThatCouldLeaveAnOpenFolderAreNotOpen() {
        assertFalse(open.isOpen("/health/../jobs/j1"));
        assertFalse(open.isOpen("/js/%2e%2e/jobs/j1"));
        assertFalse(open.isOpen("/webjars//jobs"));
        assertFalse(open.isOpen("/openapi/..\\jobs"));
        assertFalse(open.isOpen("/..css"));
    }
}

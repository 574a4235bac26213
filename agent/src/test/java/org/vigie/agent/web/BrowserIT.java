package org.vigie.agent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.it.Mosquitto;

/**
 * The status page in a real headless Chromium at a phone's width: it shows the channels, an alarm
 * raised while it is open arrives without a reload, and the page asks nothing of any other host.
 * The screenshot is kept as {@code target/browser-it.png}.
 */
class BrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void thePageShowsTheRoomLiveAndOnlyTalksToTheAgent() throws Exception {
        try (WebRig rig = new WebRig(dir, Mosquitto.freePort(), null);
             Chromium chrome = Chromium.start(dir.resolve("chromium"), 360, 1400)) {
            chrome.phone(360, 1400);
            chrome.navigate(rig.base + "/");
            awaitText(chrome, "[data-channel=\"room-temp\"] .value", "24.5 °C");
            assertEquals("41 %", chrome.text("[data-channel=\"humidity\"] .value"));
            assertEquals("all normal", chrome.text("#worst"));
            awaitTrue(chrome, "document.querySelectorAll('#plots .plot canvas').length >= 3", "a plot per channel");
            chrome.eval("window.__sameLoad = true");

            long wrote = System.nanoTime();
            Files.writeString(rig.temp, "33500\n");
            awaitText(chrome, "[data-channel=\"room-temp\"] .value", "33.5 °C");
            long shownMs = (System.nanoTime() - wrote) / 1_000_000;
            System.out.println("BrowserIT: a value written into the sensor's file showed on the page after " + shownMs + " ms");
            awaitTrue(chrome, "!!document.querySelector('[data-alarm=\"room-hot\"]')", "the alarm listed");
            assertTrue(chrome.text("#worst").startsWith("CRITICAL"), chrome.text("#worst"));
            awaitTrue(chrome, "document.getElementById('timeline').textContent.includes('room-hot raised')",
                    "the raise in the timeline, from the journal");
            assertEquals(Boolean.TRUE, chrome.eval("window.__sameLoad === true").asBoolean(), "no reload happened");
            assertTrue(shownMs < 2000, "the new value showed " + shownMs + " ms after it was written");
            assertEquals(360, chrome.eval("window.innerWidth").asInt());
            assertTrue(chrome.eval("document.documentElement.scrollWidth <= 360").asBoolean(),
                    "no sideways scrolling at 360 px: " + chrome.eval("document.documentElement.scrollWidth"));

            awaitText(chrome, "[data-channel=\"leak\"] .value", "WATER");
            chrome.screenshot(Path.of("target", "browser-it.png"));

            List<String> requests = chrome.requests();
            assertTrue(requests.size() >= 8, "the page and its assets: " + requests);
            for (String url : requests) {
                assertTrue(url.startsWith(rig.base + "/"), "every request goes to the agent itself: " + url);
            }
            for (String asset : List.of("/", "/app.js", "/plots.js", "/format.js", "/style.css", "/uplot/uPlot.iife.min.js",
                    "/uplot/uPlot.min.css")) {
                assertTrue(requests.contains(rig.base + asset), asset + " was loaded: " + requests);
            }
        }
    }

    private static void awaitText(Chromium chrome, String selector, String want) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = chrome.text(selector);
            if (want.equals(seen)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(selector + ": wanted " + want + ", saw " + seen);
    }

    private static void awaitTrue(Chromium chrome, String expression, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var v = chrome.eval(expression);
            if (v != null && v.asBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}

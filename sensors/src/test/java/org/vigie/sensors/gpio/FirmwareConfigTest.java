package org.vigie.sensors.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirmwareConfigTest {

    private static List<Integer> pins(String text) {
        return FirmwareConfig.parse(text).claims().stream().map(FirmwareConfig.Claim::bcm).toList();
    }

    @Test
    void oneWireTakesBcm4UnlessToldOtherwise() {
        assertEquals(List.of(4), pins("dtoverlay=w1-gpio\n"));
        assertEquals(List.of(17), pins("dtoverlay=w1-gpio,gpiopin=17\n"));
        assertEquals(List.of(22), pins("dtoverlay=w1-gpio\ndtparam=gpiopin=22\n"));
        assertEquals(List.of(4, 5), pins("dtoverlay=w1-gpio-pullup,extpullup=5\n"));
    }

    @Test
    void uartTakes14And15() {
        assertEquals(List.of(14, 15), pins("enable_uart=1\n"));
        assertEquals(List.of(), pins("enable_uart=0\n"));
        assertEquals(List.of(14, 15), pins("dtoverlay=uart0\n"));
        assertEquals(List.of(14, 15), pins("dtparam=uart0=on\n"));
    }

    @Test
    void i2cAndSpiTakeTheirPins() {
        assertEquals(List.of(2, 3), pins("dtparam=i2c_arm=on\n"));
        assertEquals(List.of(2, 3), pins("dtparam=i2c_arm=on,spi=off\n"));
        assertEquals(List.of(), pins("dtparam=i2c_arm=off\n"));
        assertEquals(List.of(7, 8, 9, 10, 11), pins("dtparam=spi=on\n"));
        assertEquals(List.of(23, 24), pins("dtoverlay=i2c-gpio\n"));
    }

    @Test
    void commentsNoneSectionsAndOtherSettingsAreIgnored() {
        String text = """
                # dtoverlay=w1-gpio
                dtparam=audio=on   # sound
                dtparam=watchdog=on
                [none]
                enable_uart=1
                [pi4]
                dtoverlay=gpio-shutdown,gpio_pin=21
                [all]
                dtoverlay=vc4-kms-v3d
                gpu_mem=16
                """;
        assertEquals(List.of(21), pins(text));
    }

    @Test
    void aClaimSaysWhatTakesThePinAndWhere() {
        FirmwareConfig config = FirmwareConfig.parse("# 1-Wire\n\ndtoverlay=w1-gpio,gpiopin=4\n");
        assertEquals("BCM 4 is used by 1-Wire (line 3: dtoverlay=w1-gpio,gpiopin=4)",
                config.claim(4).orElseThrow().describe());
        assertTrue(config.claim(17).isEmpty());
    }

    @Test
    void theShippedFragmentsClaimTheDocumentedPins() throws Exception {
        FirmwareConfig config = FirmwareConfig.read(Path.of("..", "firmware-config", "config.txt"));
        assertEquals(List.of(4, 14, 15, 2, 3), config.claims().stream().map(FirmwareConfig.Claim::bcm).toList());
        for (int samplePin : List.of(17, 27, 22, 23, 24)) {
            assertTrue(config.claim(samplePin).isEmpty(), "sample sensor pin " + samplePin + " is free");
        }
    }
}

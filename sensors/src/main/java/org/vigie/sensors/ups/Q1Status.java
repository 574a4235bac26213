package org.vigie.sensors.ups;

/**
 * One answer to Megatec's {@code Q1}.
 *
 * @param inputVoltage     V
 * @param inputFaultVoltage V (meaning varies by model; not published)
 * @param outputVoltage    V
 * @param loadPct          % of the rated load
 * @param frequency        Hz (input)
 * @param batteryVoltage   V (per cell on some models, whole battery on others)
 * @param temperature      °C, or NaN when the UPS reports {@code --.-}
 * @param status           the 8 status bits, b7 first as sent
 */
record Q1Status(double inputVoltage, double inputFaultVoltage, double outputVoltage, double loadPct,
                double frequency, double batteryVoltage, double temperature, String status) {

    /** b7: utility fail, running on battery. */
    boolean onBattery() {
        return bit(7);
    }

    /** b6: battery low. */
    boolean batteryLow() {
        return bit(6);
    }

    /** b4: UPS failed. */
    boolean upsFault() {
        return bit(4);
    }

    /** Bit {@code n} (7 … 0) of the status field. */
    boolean bit(int n) {
        return status.charAt(7 - n) == '1';
    }
}

package org.vigie.sensors;

import java.math.BigDecimal;

/**
 * {@code raw × scale + offset}, computed in decimal so that a scaled value carries no
 * floating-point noise: a register holding 174 with scale 0.1 reads {@code 17.4}, never
 * {@code 17.400000000000002}. Every driver that scales (snmp, modbus, file, …) goes through here,
 * so the value on MQTT, in alarms and in the journal is the one the device meant.
 *
 * <p>The result has the precision the operands imply and no more: the decimals of {@code raw}
 * plus those of {@code scale} (scale 0.1 on an integer: one decimal), or those of {@code offset}
 * when there are more.
 */
public final class Scaling {

    private Scaling() {
    }

    /** {@code raw × scale + offset}, exact in decimal, then the nearest double. Non-finite raw stays non-finite. */
    public static double apply(double raw, double scale, double offset) {
        if (!Double.isFinite(raw) || !Double.isFinite(scale) || !Double.isFinite(offset)) {
            return raw * scale + offset;
        }
        BigDecimal exact = BigDecimal.valueOf(raw).multiply(BigDecimal.valueOf(scale));
        if (offset != 0.0) {
            exact = exact.add(BigDecimal.valueOf(offset));
        }
        return exact.doubleValue();
    }

    /** {@code raw × scale}. */
    public static double apply(double raw, double scale) {
        return apply(raw, scale, 0.0);
    }

    /**
     * A single-precision value as the decimal it was written as ({@code 23.3f} is 23.3, not
     * 23.299999237060547): the shortest decimal that reads back as the same float.
     */
    public static double ofFloat(float value) {
        if (!Float.isFinite(value)) {
            return value;
        }
        return Double.parseDouble(Float.toString(value));
    }
}

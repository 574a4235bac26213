package org.vigie.sensors.modbus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Registers read in one request: one function, one contiguous range.
 *
 * @param function  3 or 4
 * @param address   first register
 * @param count     registers read
 * @param registers the values decoded from it
 */
record Block(int function, int address, int count, List<Register> registers) {

    /**
     * Groups registers into as few requests as possible: same function, ranges that overlap, touch,
     * or are at most {@code maxGap} registers apart (the gap is read and ignored), and at most
     * {@code maxCount} registers a request.
     */
    static List<Block> plan(List<Register> registers, int maxGap, int maxCount) {
        List<Register> sorted = new ArrayList<>(registers);
        sorted.sort(Comparator.comparingInt(Register::function).thenComparingInt(Register::address));
        List<Block> blocks = new ArrayList<>();
        List<Register> current = new ArrayList<>();
        int function = -1;
        int start = 0;
        int end = 0;
        for (Register r : sorted) {
            boolean fits = r.function() == function && r.address() <= end + maxGap
                    && Math.max(end, r.end()) - start <= maxCount;
            if (!fits) {
                if (!current.isEmpty()) {
                    blocks.add(new Block(function, start, end - start, List.copyOf(current)));
                }
                current.clear();
                function = r.function();
                start = r.address();
                end = r.end();
            }
            current.add(r);
            end = Math.max(end, r.end());
        }
        if (!current.isEmpty()) {
            blocks.add(new Block(function, start, end - start, List.copyOf(current)));
        }
        return List.copyOf(blocks);
    }

    /** Like {@code input 0x0000+14}, for messages. */
    String describe() {
        return String.format("%s 0x%04X+%d", function == RtuFrames.READ_HOLDING ? "holding" : "input", address, count);
    }
}

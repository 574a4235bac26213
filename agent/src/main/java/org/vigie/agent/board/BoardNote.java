package org.vigie.agent.board;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.vigie.agent.config.BoardConfig;

/** {@code vigie board note}: checks a staff note against the redaction rule and hands it to the board. */
public final class BoardNote {
    private BoardNote() {
    }

    /** @return 0 queued; 2 refused (the reason printed on {@code err}) */
    public static int queue(BoardConfig config, String incident, String text, PrintStream out, PrintStream err)
            throws IOException {
        int id;
        try {
            id = Integer.parseInt(incident);
        } catch (NumberFormatException e) {
            err.println("vigie board note: --incident: an incident number (as on the status page), was " + incident);
            return 2;
        }
        BoardStore.Saved saved = new BoardStore(config.stateDir()).load();
        if (saved == null || saved.book().incidents.stream().noneMatch(i -> i.id == id)) {
            err.println("vigie board note: --incident: no incident " + id + " in " + config.stateDir().resolve(BoardStore.FILE));
            return 2;
        }
        String problem = Redaction.problem(text, Board.internalIds(config, saved));
        if (problem != null) {
            err.println("vigie board note: --text: " + problem);
            return 2;
        }
        Path file = Notes.queue(config.stateDir(), id, text.strip());
        out.println("note for incident " + id + " queued (" + file.getFileName() + "); the running board publishes it "
                + "within 5 s, a stopped one at its next start");
        return 0;
    }
}

package org.vigie.agent.board;

/** HTML and XML text escaping for the pages the board writes. */
final class Html {
    private Html() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** The CSS class of a public state. */
    static String cls(String state) {
        return switch (state) {
            case PublicBook.OPERATIONAL -> "ok";
            case PublicBook.DEGRADED -> "warn";
            case PublicBook.MAJOR_OUTAGE -> "crit";
            default -> "dark";
        };
    }

    static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1d1d1f;background:#fafafa}
            h1{font-size:1.5rem;margin:.2rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
            table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
            .banner{padding:.8rem 1rem;border-radius:.4rem;font-weight:600;margin-bottom:1rem}
            .ok{background:#e3f5e1;color:#14591d}.warn{background:#fff4d6;color:#6b4e00}.crit{background:#fde2e1;color:#8a1414}.dark{background:#e6e6ea;color:#33334d}
            .state{display:inline-block;padding:.1rem .5rem;border-radius:.3rem;font-size:.9rem}
            .muted{color:#666;font-size:.9rem}.incident{background:#fff;border:1px solid #ddd;border-radius:.4rem;padding:.6rem 1rem;margin:.6rem 0}
            .gap{color:#8a1414;font-weight:600}ul{margin:.3rem 0;padding-left:1.2rem}
            """;
}

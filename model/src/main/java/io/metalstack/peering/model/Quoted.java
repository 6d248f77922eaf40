package io.metalstack.peering.model;

/** A value as error messages name it: quoted, at most 64 characters, control characters escaped, {@code null} as such. */
public final class Quoted {
    private static final int MAX = 64;

    private Quoted() {}

    /** A hostile value is named, not echoed whole: a message must not carry a megabyte or a terminal escape. */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        String cut = text.length() > MAX ? text.substring(0, MAX) + "…" : text;
        StringBuilder b = new StringBuilder("\"");
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('"').toString();
    }
}

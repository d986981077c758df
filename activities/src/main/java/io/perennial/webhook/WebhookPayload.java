package io.perennial.webhook;

/** The body of a delivery: the event as {@code GET /v1/events/{id}} shows it. */
public final class WebhookPayload {

    private WebhookPayload() {
    }

    public static String body(LoggedEvent event) {
        return "{\"id\":" + quoted(event.id()) + ",\"type\":" + quoted(event.type()) + ",\"created\":"
                + quoted(event.created().toString()) + ",\"data\":" + event.data() + "}";
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

"""Live calendar feeds: the whole programme in each language, and each delegate's agenda at a
URL of its own, polled by the delegates' calendars."""

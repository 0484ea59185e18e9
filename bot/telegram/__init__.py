"""The Telegram front end: a thin layer that turns updates into events and replies into messages."""

"""Webhook mode (`backcoach serve`): the HTTP server, its intake and the inbox worker."""

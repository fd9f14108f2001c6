"""Re-send and forwarding in the window: targets, the queue, attempts, edit and re-send."""

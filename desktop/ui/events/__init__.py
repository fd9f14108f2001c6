"""The Events tab: every request in a table, and the inspector."""

"""The Overview tab (issue 13): a dashboard of the store, every figure a link to its rows."""

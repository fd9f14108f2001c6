"""Widgets shared by more than one screen: the filter bar, table plumbing, the listener bar."""

"""The Payments tab: one row per provider entity, its timeline, totals and notifications."""

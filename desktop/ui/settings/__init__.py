"""The Settings dialog (Edit ▸ Settings…) and the preferences it keeps in settings.ini."""

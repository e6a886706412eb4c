"""The Textual app: screens, widgets and styles. Calls down into `reader.core`."""

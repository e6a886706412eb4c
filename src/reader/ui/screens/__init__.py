"""The app's screens: the main reading screen, help and the footnote popup."""

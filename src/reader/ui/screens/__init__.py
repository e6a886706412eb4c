"""The app's screens: the main reading screen and F1 help."""

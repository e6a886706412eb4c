"""The widgets of the app: panes, the reading view and its parts, the side panel.

Widgets announce what happened with messages and never import a screen or the app
(an import-linter contract); the app gives them what they need.
"""

"""The admin console's services: metrics sampling and alerts, user and question-bank management.

Plain async Python on top of the store (no Textual): the dashboard screens, the headless
``interviewai metrics collect`` command and the tests all drive the same classes. Every
operation that reads or changes other people's data checks the admin role itself.
"""

"""Operations: backup, restore and verify across engines, archiving and retention.

Plain async Python over the `Store` protocol (no Textual, no drivers): the commands in
`interviewai_tui.commands.ops_cmd` and the tests drive the same functions.
"""

from retrotui.cli import run

run()

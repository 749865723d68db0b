"""Allow ``python -m calendar_gen``."""

from calendar_gen.cli.main import main

if __name__ == "__main__":
    main()

"""The web: the server's routes, query parsing, the static site and its atomic publishing."""

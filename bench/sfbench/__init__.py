"""Stitchfork's benchmark and reliability tooling (stdlib-only Python).

Modules: `configs` (valid configurations from the catalog), `plan` (a data set with real fork
families), `api` (a small keep-alive HTTP client), `load` (publishes a plan through the API),
`export` (the same patterns for Datasette and json-server), `reliability` tools under
`crashloop` and `diskfull`.
"""

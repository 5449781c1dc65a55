"""Settings modules: `development` (default), `production`, `test`. All read the environment."""

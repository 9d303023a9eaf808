"""One module per site; each registers its parser with scrapers.registry.register."""

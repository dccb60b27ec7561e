"""Protection knowledge base for women human rights defenders: data, renderers, MkDocs plugins."""

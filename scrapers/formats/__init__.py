"""Readers of structured formats that several sites carry (schema.org nodes in HTML, iCalendar
feeds): they register no site; the modules in scrapers/sites that do use them."""

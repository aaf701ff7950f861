"""Views: what people read from the store (tables, charts, filters, display, exports).
Reading only: nothing here writes to the store."""

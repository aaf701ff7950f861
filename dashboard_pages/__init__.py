"""The dashboard's pages, each a short script that `st.navigation` runs, and what they share:
`context` (the store's tables and the view the filters select, cached per store version),
`sidebar` (adding articles, filters kept in the URL, the reviewer) and `parts` (pieces
several pages show).

The folder is not called `pages/`: Streamlit treats a `pages/` folder next to the entry
script as pages of its own (the older multipage form, listed from file names), and the
helpers here would show up as pages there."""

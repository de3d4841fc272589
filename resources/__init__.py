"""Package data: demo organisation, stylesheets, templates, routing keywords."""

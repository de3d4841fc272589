"""CalDAV free-busy: colleagues' agendas where there is no Microsoft 365."""

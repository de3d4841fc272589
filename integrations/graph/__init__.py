"""Microsoft Graph: colleagues' presence, agendas and out-of-office (an ``AvailabilitySource``)."""

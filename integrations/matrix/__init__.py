"""Matrix: website chat, bridged WhatsApp/Facebook/Instagram and "bel me" as rooms."""

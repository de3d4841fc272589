"""SIP telephony through a baresip user agent driven over its ``ctrl_tcp`` control port."""

-- Syslog over TLS (RFC 5425) is a channel of its own in the quarantine.
alter table quarantined_input drop constraint quarantined_input_channel_check;
alter table quarantined_input add constraint quarantined_input_channel_check
    check (channel in ('syslog-udp', 'syslog-tcp', 'syslog-tls', 'csv'));

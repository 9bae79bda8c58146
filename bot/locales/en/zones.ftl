# Time zone names on the /reminders buttons. The key is made from the IANA name
# (Asia/Tehran -> zone-asia-tehran, bot/l10n.py); the button's data stays the IANA name.
# English shows the IANA names themselves: what a learner would type.
zone-asia-tehran = Asia/Tehran
zone-europe-berlin = Europe/Berlin
zone-europe-london = Europe/London
zone-america-new_york = America/New_York
zone-utc = UTC

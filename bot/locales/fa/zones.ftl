# نام منطقه‌های زمانی روی دکمه‌های /reminders. کلید از نام IANA ساخته می‌شود
# (Asia/Tehran → zone-asia-tehran، bot/l10n.py)؛ داده‌ی دکمه همان نام IANA می‌ماند.
zone-asia-tehran = تهران
zone-europe-berlin = برلین
zone-europe-london = لندن
zone-america-new_york = نیویورک
zone-utc = زمان جهانی (UTC)

# موضوع‌هایی که به زبان منابع زبان‌آموز چیزی ندارند: یک بار می‌پرسیم و یادمان می‌ماند.
gap-ask =
    این موضوع منبعی به { $wanted } ندارد، ولی به { $offered } دارد.
    هر جا موضوعی منبعی به { $wanted } نداشت، منابع زبان دیگرش را نشانتان بدهم؟ جوابتان را برای همه‌ی این موضوع‌ها به خاطر می‌سپارم (با /language عوضش کنید).
button-leave-out-other = ⏭ موضوع‌های بدون منبع { $wanted } کنار بروند
resource-other-language = 🌐 <i>این موضوع منبعی به { $wanted } ندارد، برای همین منابع { $language } آن را می‌بینید (با /language عوضش کنید).</i>
button-other-language-on = 🔁 { $other } وقتی { $mine } نیست: نشان بده ✓
button-other-language-off = 🔁 { $other } وقتی { $mine } نیست: کنار بگذار
button-other-language-ask = 🔁 { $other } وقتی { $mine } نیست: از من بپرس

# ماه‌های خورشیدی (هجری شمسی): تاریخ‌های رابط فارسی با این تقویم نوشته می‌شوند (bot/l10n.py).
month-solar-1 = فروردین
month-solar-2 = اردیبهشت
month-solar-3 = خرداد
month-solar-4 = تیر
month-solar-5 = مرداد
month-solar-6 = شهریور
month-solar-7 = مهر
month-solar-8 = آبان
month-solar-9 = آذر
month-solar-10 = دی
month-solar-11 = بهمن
month-solar-12 = اسفند

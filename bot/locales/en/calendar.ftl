# Solar Hijri months: the Persian interface writes its dates in this calendar (bot/l10n.py).
# English dates stay Gregorian (month-1 … month-12 in bot.ftl); these names exist so that
# both locales have the same messages.
month-solar-1 = Farvardin
month-solar-2 = Ordibehesht
month-solar-3 = Khordad
month-solar-4 = Tir
month-solar-5 = Mordad
month-solar-6 = Shahrivar
month-solar-7 = Mehr
month-solar-8 = Aban
month-solar-9 = Azar
month-solar-10 = Dey
month-solar-11 = Bahman
month-solar-12 = Esfand

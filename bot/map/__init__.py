"""The picture of a learner's map: the drawing alone (Pillow; no Telegram, no database)."""

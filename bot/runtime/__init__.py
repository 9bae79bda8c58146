"""The Telegram runtime: polling or webhook runner, PTB's bot and rate limiter, the nudges."""

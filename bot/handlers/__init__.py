"""Thin Telegram handlers: read the update, call one service, render, reply."""

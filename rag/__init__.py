"""Retrieval Q&A over 乌拉特中旗2024年法治政府建设工作计划 and the laws it cites."""

__version__ = "0.1.0"

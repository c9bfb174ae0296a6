"""Reports as QTextDocument: preview, print, PDF."""

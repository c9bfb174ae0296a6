"""The task board (Kanban): tasks, moves, comments, reads."""

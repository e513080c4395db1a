// Only the header in include/ is used.

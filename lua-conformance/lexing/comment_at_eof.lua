print("comment at eof")
-- final comment with no newline
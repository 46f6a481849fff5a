# syntax error: nonlocal declaration at module level
nonlocal x

# lines holding only a backslash continuation in the indentation, as CPython's tokenizer reads them
cases = [
    "if 1:\n\\\n    print(5)\n",
    "if 1:\n  \\\n    print(5)\n  print(6)\n",
    "if 1:\n    x = 1\n\\\n    print(x)\n",
    "\\\nprint(1)\n",
    "if 1:\n    \\\n\n    print(7)\n",
    "if 1:\n    \\\n\\\n    print(8)\n",
    "if 1:\n\t\\\n        print(9)\n",
    "x = 1 + \\\n\\\n2\nprint(x)\n",
    "if 1:\n    \\\n# c\n    print(10)\n",
    "def f():\n\\\n  return 11\nprint(f())\n",
    "for i in range(2):\n  \\\n      \\\n  print('loop', i)\n",
    "class C:\n\\\n    a = 12\n\\\n    b = a + 1\nprint(C.a, C.b)\n",
    "if 1:\n    \\\n",
    "\\\n",
    "if 1:\n    \\ \n    print(1)\n",
    "if 1:\n  print(12)\n\\\n    print(13)\n",
    "if 1:\n        print(14)\n    \\\n        print(15)\n",
]
for src in cases:
    try:
        exec(compile(src, "s", "exec"))
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset)

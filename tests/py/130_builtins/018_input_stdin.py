# input() reading lines from stdin (fed from 018_input_stdin.in), prompt goes to stdout, EOFError at end
name = input()
age = int(input("age? "))
nums = list(map(int, input().split()))
last = input()
print()
print(name, age + 1, sum(nums), repr(last))
try:
    input("more? ")
except EOFError as e:
    print()
    print(type(e).__name__, e)

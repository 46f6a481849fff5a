# syntax error: "Perhaps you forgot a comma?" spanning two lines marks the first to its end
values = [first
          second]

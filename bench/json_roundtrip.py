# Benchmark: json.dumps/json.loads of nested documents (dicts, lists, strings with escapes, floats), indent and sort_keys.
import json
import random


def make_record(rng, i):
    return {
        "id": i,
        "name": "user_%05d" % i,
        "email": "user%d@example.org" % i,
        "active": rng.random() < 0.7,
        "score": round(rng.uniform(0, 1000), 3),
        "tags": [rng.choice(["red", "green", "blue", "caf\u00e9", "quote\"d", "tab\there"])
                 for _ in range(rng.randint(0, 5))],
        "address": {"street": "%d Main St" % rng.randint(1, 9999), "zip": "%05d" % rng.randint(0, 99999),
                    "geo": [rng.uniform(-90, 90), rng.uniform(-180, 180)]},
        "history": [{"t": rng.randint(0, 10 ** 9), "v": None if rng.random() < 0.1 else rng.randint(-50, 50)}
                    for _ in range(rng.randint(1, 4))],
    }


def main():
    rng = random.Random(1234)
    doc = {"version": 3, "records": [make_record(rng, i) for i in range(600)], "meta": {"ok": True, "note": "line\nbreak"}}
    total_len = 0
    for _ in range(25):
        text = json.dumps(doc)
        back = json.loads(text)
        assert back == doc
        total_len += len(text)
    pretty = json.dumps(doc, indent=2, sort_keys=True)
    ascii_off = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    assert json.loads(pretty) == doc and json.loads(ascii_off) == doc
    scores = sum(r["score"] for r in back["records"])
    print("json_roundtrip: %d chars x25, pretty %d, compact %d, score sum %.3f"
          % (len(text), len(pretty), len(ascii_off), scores))


main()
